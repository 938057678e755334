/** The stream that holds each aggregate's events: one stream per aggregate instance (docs/design.md §1). */
export const streams = {
  account: (id: string) => `account-${id}`,
  ticket: (id: string) => `ticket-${id}`,
  slaPolicy: (id: string) => `sla-policy-${id}`,
  calendar: (id: string) => `calendar-${id}`,
};
