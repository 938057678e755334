export class GetRelayStatusQuery {}
