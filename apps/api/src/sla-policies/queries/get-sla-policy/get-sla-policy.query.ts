export class GetSlaPolicyQuery {
  constructor(readonly policyId: string) {}
}
