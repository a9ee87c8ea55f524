// A small multi-language project plus labeled queries worded unlike the code they should find.

export const FIXTURE_FILES: Record<string, string> = {
  'src/config/loader.ts': `import * as fs from 'node:fs';

/** Reads the settings JSON and fills in defaults for missing keys. */
export async function readConfigFile(configPath: string): Promise<Record<string, unknown>> {
  const raw = await fs.promises.readFile(configPath, 'utf8');
  const parsed = JSON.parse(raw);
  return { retries: 3, verbose: false, ...parsed };
}

export class ColorPalette {
  private colors: string[] = [];

  /** Adds a hex color like #ff0000 to the palette. */
  addColor(hex: string): void {
    if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error('bad color');
    this.colors.push(hex);
  }

  /** Mixes two colors channel by channel. */
  blend(a: string, b: string): string {
    const x = parseInt(a.slice(1), 16);
    const y = parseInt(b.slice(1), 16);
    return '#' + (((x + y) / 2) | 0).toString(16).padStart(6, '0');
  }
}
`,
  'src/util/timing.js': `'use strict';

/**
 * Postpones invoking fn until wait milliseconds have passed since the last call.
 */
function debounce(fn, wait) {
  let timer = null;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}

/** Returns a random integer between min and max inclusive. */
function randomInteger(min, max) {
  return Math.floor(Math.random() * (max - min + 1)) + min;
}

module.exports = { debounce, randomInteger };
`,
  'tools/digest.py': `import hashlib


def compute_sha256_digest(path):
    """Hash the bytes of a file with SHA-256 and return the hex digest."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def retry_with_backoff(fn, attempts=5, base_delay=0.5):
    """Call fn again after failures, sleeping exponentially longer each time."""
    import time
    for attempt in range(attempts):
        try:
            return fn()
        except Exception:
            time.sleep(base_delay * (2 ** attempt))
    raise RuntimeError("gave up")


class TemperatureConverter:
    """Converts between Celsius and Fahrenheit."""

    def to_fahrenheit(self, celsius):
        return celsius * 9 / 5 + 32

    def to_celsius(self, fahrenheit):
        return (fahrenheit - 32) * 5 / 9
`,
  'server/auth.go': `package server

import (
	"net/http"
)

// HandleLogin checks the submitted username and password and starts a session.
func (s *Server) HandleLogin(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("username")
	pass := r.FormValue("password")
	if !s.users.Verify(user, pass) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	s.sessions.Start(w, user)
}

// ListenAndServeTLS starts the HTTPS listener on the given port.
func (s *Server) ListenAndServeTLS(port int) error {
	return http.ListenAndServeTLS(fmt.Sprintf(":%d", port), s.cert, s.key, s.mux)
}
`,
  'crates/time/src/lib.rs': `use chrono::{DateTime, Utc};

/// Parses an RFC 3339 timestamp string into a UTC date time.
pub fn parse_timestamp(input: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(input)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| e.to_string())
}

pub struct Stopwatch {
    started: std::time::Instant,
}

impl Stopwatch {
    /// Milliseconds elapsed since the stopwatch started.
    pub fn elapsed_ms(&self) -> u128 {
        self.started.elapsed().as_millis()
    }
}
`,
  'app/src/main/java/com/acme/Names.java': `package com.acme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class Names {
    /** Returns the names in alphabetical order, ignoring case. */
    public List<String> sortNamesAlphabetically(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(String.CASE_INSENSITIVE_ORDER);
        return copy;
    }

    /** Removes repeated names, keeping the first occurrence. */
    public List<String> uniqueNames(List<String> names) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(names));
    }
}
`,
  'native/compress.c': `#include <zlib.h>
#include <string.h>

/* Deflates src into dst with zlib; returns the compressed size or -1. */
int compress_buffer(const unsigned char *src, size_t len, unsigned char *dst, size_t cap) {
    uLongf out = cap;
    if (compress2(dst, &out, src, len, Z_BEST_COMPRESSION) != Z_OK) return -1;
    return (int)out;
}

/* Counts the lines in a text buffer. */
int count_lines(const char *text) {
    int n = 0;
    for (; *text; text++) if (*text == '\\n') n++;
    return n;
}
`,
  'lib/mailer.rb': `class Mailer
  # Sends the greeting message to a customer who just signed up.
  def send_welcome_email(user)
    deliver(to: user.email, subject: "Welcome!", body: render("welcome", user: user))
  end

  # Formats a price in cents as dollars.
  def format_price(cents)
    format("$%.2f", cents / 100.0)
  end
end
`,
  'web/db.php': `<?php
/**
 * Opens a PDO connection to the MySQL server.
 */
function connectToDatabase($host, $user, $password, $name) {
    $dsn = "mysql:host=$host;dbname=$name;charset=utf8mb4";
    return new PDO($dsn, $user, $password);
}

/**
 * Escapes text for safe output in HTML.
 */
function escapeHtml($text) {
    return htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
}
`,
  'Text/Casing.cs': `namespace Acme.Text
{
    public static class Casing
    {
        /// <summary>Upper-cases the first letter of every word.</summary>
        public static string ToTitleCase(string input)
        {
            var words = input.Split(' ');
            for (int i = 0; i < words.Length; i++)
                if (words[i].Length > 0) words[i] = char.ToUpper(words[i][0]) + words[i].Substring(1);
            return string.Join(" ", words);
        }
    }
}
`,
  'docs/guide.md': `# Acme Toolkit

A toolkit of small helpers.

## Building from source

Clone the repository, install the compiler toolchain and run make to produce the binaries.

## Reporting bugs

Open a ticket with steps to reproduce and the version you use.
`,
};

export interface LabeledQuery {
  query: string;
  path: string;
  /** A line inside the intended chunk. */
  line: number;
}

/** Queries worded unlike the code; `line` is a line of the intended function. */
export const FIXTURE_QUERIES: LabeledQuery[] = [
  { query: 'load settings from a json file', path: 'src/config/loader.ts', line: 5 },
  { query: 'delay calling a function until input stops', path: 'src/util/timing.js', line: 7 },
  { query: 'hash the contents of a file', path: 'tools/digest.py', line: 4 },
  { query: 'try again after failure with exponential wait', path: 'tools/digest.py', line: 13 },
  { query: 'authenticate a user with a password', path: 'server/auth.go', line: 9 },
  { query: 'convert a date string into time', path: 'crates/time/src/lib.rs', line: 4 },
  { query: 'order a list of strings', path: 'app/src/main/java/com/acme/Names.java', line: 9 },
  { query: 'shrink bytes with gzip or deflate', path: 'native/compress.c', line: 5 },
  { query: 'email a new customer', path: 'lib/mailer.rb', line: 3 },
  { query: 'open a connection to mysql', path: 'web/db.php', line: 5 },
  { query: 'capitalize each word of a sentence', path: 'Text/Casing.cs', line: 6 },
  { query: 'how do I compile the project', path: 'docs/guide.md', line: 7 },
];
