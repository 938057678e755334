import { useState } from 'preact/hooks';
import { answered, api, type Schemas } from '../api';
import { href } from '../components/bits';
import { RateChart, type ChartSeries } from '../components/chart';
import { Loading, useLoad } from '../components/load';
import { duration, humanize, money, percent } from '../format';

const METRICS = ['first_response', 'next_response', 'resolution'] as const;
type Metric = (typeof METRICS)[number];
const TIERS = ['strategic', 'growth', 'standard'] as const;
type Tier = (typeof TIERS)[number];
const MONTHS = Array.from({ length: 12 }, (_unused, index) => String(index + 1).padStart(2, '0'));
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];

/** Reports: SLA compliance by month (per metric, tier and policy), times to respond and resolve, retention, renewals. */
export function ReportsPage() {
  const [year, setYear] = useState(new Date().getUTCFullYear());
  const [metric, setMetric] = useState<Metric>('resolution');
  const [tier, setTier] = useState<Tier>();
  return (
    <section>
      <h1>Reports</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Year{' '}
          <input
            type="number"
            name="year"
            value={year}
            min={2000}
            max={2100}
            onChange={(event) => setYear(Number((event.target as HTMLInputElement).value))}
          />
        </label>
        <label>
          Metric for tiers and policies{' '}
          <select
            name="metric"
            value={metric}
            onChange={(event) => setMetric((event.target as HTMLSelectElement).value as Metric)}
          >
            {METRICS.map((option) => (
              <option value={option}>{humanize(option)}</option>
            ))}
          </select>
        </label>
        <label>
          Retention tier{' '}
          <select
            name="tier"
            value={tier ?? ''}
            onChange={(event) => setTier(((event.target as HTMLSelectElement).value || undefined) as Tier | undefined)}
          >
            <option value="">all</option>
            {TIERS.map((option) => (
              <option value={option}>{option}</option>
            ))}
          </select>
        </label>
      </form>
      <Compliance year={year} metric={metric} />
      <Times year={year} />
      <Retention year={year} tier={tier} />
      <Renewals />
    </section>
  );
}

type MonthlyGroups = Schemas['SlaMetricsGroup'][][];

/** Compliance by month: every metric overall, then the chosen metric by tier and by policy. */
function Compliance({ year, metric }: { year: number; metric: Metric }) {
  const monthly = (groupBy?: 'tier' | 'policy') =>
    Promise.all(
      MONTHS.map(async (month) => {
        const query = { period: `${year}-${month}`, groupBy };
        return (await answered(api().GET('/v1/metrics/sla', { params: { query } }))).groups;
      }),
    );
  const months = useLoad(() => Promise.all([monthly(), monthly('tier'), monthly('policy')]), [year]);
  return (
    <>
      <h2>SLA compliance in {year}</h2>
      <Loading loaded={months}>
        {([overall, byTier, byPolicy]) => (
          <div class="charts">
            <RateChart
              title="Compliance per metric"
              labels={MONTHS}
              series={METRICS.map((each) => ({
                label: humanize(each),
                values: overall.map((groups) => groups[0]?.compliance[each]?.rate ?? null),
              }))}
            />
            <RateChart
              title={`${humanize(metric)} compliance per tier`}
              labels={MONTHS}
              series={seriesByKey(byTier, metric)}
            />
            <RateChart
              title={`${humanize(metric)} compliance per policy`}
              labels={MONTHS}
              series={seriesByKey(byPolicy, metric)}
            />
          </div>
        )}
      </Loading>
    </>
  );
}

/** One line per group key (tier, policy) seen in any month, with a gap where a month has none. */
function seriesByKey(months: MonthlyGroups, metric: Metric): ChartSeries[] {
  const keys = [...new Set(months.flatMap((groups) => groups.map((group) => group.key ?? 'none')))].sort();
  return keys.map((key) => ({
    label: key,
    values: months.map(
      (groups) => groups.find((group) => (group.key ?? 'none') === key)?.compliance[metric]?.rate ?? null,
    ),
  }));
}

function Times({ year }: { year: number }) {
  const tiers = useLoad(
    () => answered(api().GET('/v1/metrics/sla', { params: { query: { period: String(year), groupBy: 'tier' } } })),
    [year],
  );
  return (
    <>
      <h2>Times to respond and resolve in {year} (business time)</h2>
      <Loading loaded={tiers}>
        {({ groups }) =>
          groups.length === 0 ? (
            <p class="muted">No ticket opened in {year}.</p>
          ) : (
            <table class="times">
              <thead>
                <tr>
                  <th>Tier</th>
                  <th>Tickets</th>
                  <th>First response median</th>
                  <th>p90</th>
                  <th>Resolution median</th>
                  <th>p90</th>
                  <th>Breaches</th>
                  <th>CSAT</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <tr data-tier={group.key}>
                    <td>{group.key}</td>
                    <td class="number">{group.volume}</td>
                    <td>{minutes(group.firstResponseMinutes.median)}</td>
                    <td>{minutes(group.firstResponseMinutes.p90)}</td>
                    <td>{minutes(group.resolutionMinutes.median)}</td>
                    <td>{minutes(group.resolutionMinutes.p90)}</td>
                    <td class="number">{group.breaches}</td>
                    <td>{group.csat.average === null ? '—' : group.csat.average.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loading>
    </>
  );
}

const minutes = (value: number | null) => (value === null ? '—' : duration(value));

function Retention({ year, tier }: { year: number; tier: Tier | undefined }) {
  const quarters = useLoad(
    () =>
      Promise.all(
        QUARTERS.map((quarter) =>
          answered(api().GET('/v1/metrics/retention', { params: { query: { period: `${year}-${quarter}`, tier } } })),
        ),
      ),
    [year, tier],
  );
  return (
    <>
      <h2>
        Retention per quarter of {year}
        {tier ? `, ${tier}` : ''}
      </h2>
      <Loading loaded={quarters}>
        {(answers) =>
          answers.every((answer) => answer.currencies.length === 0) ? (
            <p class="muted">No account had ARR at the start of a quarter of {year}.</p>
          ) : (
            <table class="retention">
              <thead>
                <tr>
                  <th>Quarter</th>
                  <th>Currency</th>
                  <th>Accounts</th>
                  <th>ARR at start</th>
                  <th>ARR at end</th>
                  <th>GRR</th>
                  <th>NRR</th>
                  <th>Logo retention</th>
                </tr>
              </thead>
              <tbody>
                {answers.flatMap((answer) =>
                  answer.currencies.map((figures) => (
                    <tr data-period={answer.period.label} data-currency={figures.currency}>
                      <td>{answer.period.label}</td>
                      <td>{figures.currency}</td>
                      <td class="number">{figures.accountsAtStart}</td>
                      <td class="number">{money({ amountMinor: figures.arrAtStart, currency: figures.currency })}</td>
                      <td class="number">{money({ amountMinor: figures.arrAtEnd, currency: figures.currency })}</td>
                      <td class="number grr">{percent(figures.grr)}</td>
                      <td class="number nrr">{percent(figures.nrr)}</td>
                      <td class="number">{percent(figures.logoRetention)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )
        }
      </Loading>
    </>
  );
}

function Renewals() {
  const renewals = useLoad(() => answered(api().GET('/v1/renewals', { params: { query: { withinDays: 90 } } })), []);
  return (
    <>
      <h2>Renewals due in 90 days</h2>
      <Loading loaded={renewals}>
        {({ renewals: due }) =>
          due.length === 0 ? (
            <p class="muted">No renewal in the next 90 days.</p>
          ) : (
            <table class="renewals">
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Tier</th>
                  <th>Renewal</th>
                  <th>ARR</th>
                  <th>Open tickets</th>
                  <th>Urgent/high</th>
                  <th>Breaches (30 d)</th>
                </tr>
              </thead>
              <tbody>
                {due.map((renewal) => (
                  <tr>
                    <td>
                      <a href={href('accounts', renewal.accountId)}>{renewal.name}</a>
                    </td>
                    <td>{renewal.tier}</td>
                    <td>
                      {renewal.renewalDate} (in {renewal.daysToRenewal} d)
                    </td>
                    <td class="number">{money(renewal.arr)}</td>
                    <td class="number">{renewal.openTickets}</td>
                    <td class="number">{renewal.openUrgentOrHigh}</td>
                    <td class="number">{renewal.breachesLast30Days}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loading>
    </>
  );
}
