export class GetSlaClockStatusQuery {}
