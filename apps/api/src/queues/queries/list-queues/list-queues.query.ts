export class ListQueuesQuery {
  constructor(readonly minPosition: string | undefined) {}
}
