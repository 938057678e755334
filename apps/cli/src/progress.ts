import { SingleBar } from 'cli-progress';

/** A progress bar with rate and ETA on stderr (stdout stays for data). */
export function progressBar(label: string, unit: string): SingleBar {
  return new SingleBar({
    format: `${label} {bar} {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
    stream: process.stderr,
    etaBuffer: 50,
    hideCursor: true,
  });
}

/** Progress through the log by position: positions are sparse but grow with time, so the fraction is a fair estimate. */
export function logFraction(first: bigint, position: bigint, target: bigint): number {
  if (target <= first) return 1;
  return Math.min(1, Math.max(0, Number(position - first) / Number(target - first)));
}
