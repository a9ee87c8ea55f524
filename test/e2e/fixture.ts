// The fixture workspace for the E2E and integration suites: a small multi-language project whose
// code is worded differently from the test queries, plus a Markdown doc. One job: know the files
// and where the expected answers are. Run as a script to write it: node out/test/e2e/fixture.js <dir>
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURE_FILES: Record<string, string> = {
  'src/geo/spherical.ts': `// Helpers for coordinates on a sphere.
const EARTH_RADIUS_KM = 6371.0088;

function toRadians(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Great-circle separation between two latitude/longitude pairs, in kilometres (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/** Initial compass bearing from the first coordinate towards the second, in degrees. */
export function initialBearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin(toRadians(lon2 - lon1)) * Math.cos(toRadians(lat2));
  const x = Math.cos(toRadians(lat1)) * Math.sin(toRadians(lat2)) -
    Math.sin(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.cos(toRadians(lon2 - lon1));
  return (Math.atan2(y, x) * 180 / Math.PI + 360) % 360;
}
`,
  'src/util/arrays.ts': `// Small array utilities.

/** Cuts a list into consecutive pieces of at most \`size\` elements. */
export function chunkArray<T>(items: T[], size: number): T[][] {
  if (size <= 0) throw new Error('size must be positive');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Removes repeated values, keeping the first occurrence. */
export function uniqueValues<T>(items: T[]): T[] {
  const seen = new Set<T>();
  return items.filter((x) => (seen.has(x) ? false : (seen.add(x), true)));
}
`,
  'lib/batching.js': `'use strict';
// Grouping helpers used by the importer.

/** Splits an array into groups holding at most groupSize entries each. */
function splitIntoGroups(list, groupSize) {
  if (groupSize <= 0) throw new Error('groupSize must be positive');
  const groups = [];
  for (let start = 0; start < list.length; start += groupSize) {
    groups.push(list.slice(start, start + groupSize));
  }
  return groups;
}

/** Formats a byte count for humans, e.g. 1536 -> "1.5 KiB". */
function formatBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return \`\${n.toFixed(1)} \${units[i]}\`;
}

module.exports = { splitIntoGroups, formatBytes };
`,
  'services/mailer.py': `"""Outgoing e-mail for account events."""
import smtplib
from email.message import EmailMessage


def send_welcome_email(smtp_host, address, display_name):
    """Greets a freshly registered user with an onboarding message over SMTP."""
    msg = EmailMessage()
    msg["Subject"] = f"Welcome aboard, {display_name}!"
    msg["To"] = address
    msg["From"] = "noreply@example.invalid"
    msg.set_content("Thanks for registering. Your account is active.")
    with smtplib.SMTP(smtp_host) as server:
        server.send_message(msg)


def parse_unsubscribe_header(value):
    """Extracts the mailto and https targets of a List-Unsubscribe header."""
    return [part.strip(" <>") for part in value.split(",") if part.strip()]
`,
  'services/retry.py': `"""Resilience helpers."""
import random
import time


def call_with_exponential_backoff(fn, attempts=5, base_delay=0.2):
    """Invokes fn again after each failure, doubling the pause between tries plus jitter."""
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            if attempt == attempts - 1:
                raise
            time.sleep(base_delay * (2 ** attempt) + random.random() * 0.1)
`,
  // A test file, so the view's code / docs / tests filter has all three kinds to choose from.
  'tests/test_retry.py': `from services.retry import call_with_exponential_backoff


def test_backoff_gives_up_after_the_last_attempt():
    calls = []

    def flaky():
        calls.append(1)
        raise RuntimeError("down")

    try:
        call_with_exponential_backoff(flaky, attempts=3, base_delay=0)
    except RuntimeError:
        pass
    assert len(calls) == 3
`,
  'cmd/server/main.go': `package main

import (
	"log"
	"net/http"
)

// healthHandler answers liveness probes with 200 OK.
func healthHandler(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("ok"))
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", healthHandler)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", mux))
}
`,
  'docs/operations.md': `# Operations guide

## Rolling back a release

If a deployment misbehaves, redeploy the previous tagged build with \`deploy --tag <previous>\`,
then confirm the health endpoint answers before reopening traffic.

## Rotating credentials

Generate a new API token in the admin console, store it in the vault, and revoke the old one.
`,
};

/** Where an answer is expected: a path relative to the workspace and the text on its first line. */
export interface Target {
  path: string;
  symbol: string;
  /** Text that appears on the target's first line (its definition). */
  lineText: string;
}

/** Queries worded unlike the code, and the answer each must find. */
export const QUERIES = {
  distance: {
    query: 'how far apart are two places on the globe',
    target: { path: 'src/geo/spherical.ts', symbol: 'haversineKm', lineText: 'export function haversineKm(' },
  },
  retry: {
    query: 'try the operation again, waiting longer each time it fails',
    target: { path: 'services/retry.py', symbol: 'call_with_exponential_backoff', lineText: 'def call_with_exponential_backoff(' },
  },
  welcome: {
    query: 'greet a new customer by mail after sign up',
    target: { path: 'services/mailer.py', symbol: 'send_welcome_email', lineText: 'def send_welcome_email(' },
  },
} as const satisfies Record<string, { query: string; target: Target }>;

/** Find Similar: select the source function; the sibling in another file must be listed. */
export const SIMILAR = {
  source: { path: 'src/util/arrays.ts', symbol: 'chunkArray', lineText: 'export function chunkArray<T>(' },
  sibling: { path: 'lib/batching.js', symbol: 'splitIntoGroups', lineText: 'function splitIntoGroups(' },
} as const;

/** Edit-and-save: a function added to a file must be found without a manual reindex. */
export const EDIT = {
  path: 'src/util/temperature.ts',
  query: 'turn degrees celsius into fahrenheit',
  symbol: 'celsiusToFahrenheit',
  content: `// Unit conversions.

/** Converts a temperature reading from the metric scale to the imperial scale. */
export function celsiusToFahrenheit(c: number): number {
  return c * 9 / 5 + 32;
}
`,
  /** The file exists before the edit with unrelated content. */
  before: `// Unit conversions (to be written).
export const PLACEHOLDER = true;
`,
} as const;

FIXTURE_FILES[EDIT.path] = EDIT.before;

/** 1-based line of the first line containing `needle` in the fixture file. */
export function lineOf(rel: string, needle: string, files: Record<string, string> = FIXTURE_FILES): number {
  const text = files[rel];
  if (text === undefined) throw new Error(`no fixture file ${rel}`);
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in ${rel}`);
  return i + 1;
}

/** Writes the fixture into `dir` (emptied first). */
export function writeFixture(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(FIXTURE_FILES)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node fixture.js <dir>');
    process.exit(2);
  }
  writeFixture(path.resolve(dir));
}
