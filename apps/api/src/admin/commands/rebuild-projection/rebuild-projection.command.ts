export class RebuildProjectionCommand {
  constructor(readonly name: string) {}
}
