export class GetAccountHealthQuery {
  constructor(
    readonly accountId: string,
    readonly minPosition: string | undefined,
  ) {}
}
