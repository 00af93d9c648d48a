// Harness for the Java peer (test/peers/java/WssPeer.java): Apache WSS4J 1.6 + Santuario from
// Debian's libwss4j-java / libxml-security-java. The program is compiled once per source version
// into node_modules/.cache/wsbench-peers/java-<hash>/ and run with `java`; every request goes through
// its `batch` mode (JSON lines on stdin), so non-ASCII arguments never depend on the JVM's locale and
// many requests share one JVM start.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const SOURCE = join(HERE, 'java', 'WssPeer.java');
const CACHE_ROOT = join(REPO, 'node_modules', '.cache', 'wsbench-peers');
const JAVA_DIR = '/usr/share/java';

/** Jars needed to compile WssPeer. */
export const JAVA_COMPILE_JARS = ['wss4j.jar', 'xmlsec.jar', 'commons-logging.jar'].map((j) => join(JAVA_DIR, j));
/** Extra jars needed at run time: Santuario 2.x logs through slf4j; slf4j-nop keeps stderr quiet. */
export const JAVA_RUNTIME_JARS = ['slf4j-api.jar', 'slf4j-nop.jar'].map((j) => join(JAVA_DIR, j));

let classpath: string | undefined;

function javaVersion(): string {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return `${r.stderr ?? ''}${r.stdout ?? ''}`.trim();
}

/**
 * Compiles WssPeer.java unless a build for this exact source, jar set and JDK is cached; returns the
 * run-time classpath. Safe under parallel test workers: each compiles into a private directory and
 * renames it into place; a loser of the race discards its copy and uses the winner's.
 */
export function ensureJavaPeer(): string {
  if (classpath) return classpath;
  const source = readFileSync(SOURCE);
  const compileCp = JAVA_COMPILE_JARS.join(':');
  const hash = createHash('sha256')
    .update(source)
    .update('\0')
    .update(compileCp)
    .update('\0')
    .update(javaVersion())
    .digest('hex')
    .slice(0, 16);
  const outDir = join(CACHE_ROOT, `java-${hash}`);
  if (!existsSync(join(outDir, 'WssPeer.class'))) {
    mkdirSync(CACHE_ROOT, { recursive: true });
    const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(tmp, { recursive: true });
    try {
      execFileSync('javac', ['-encoding', 'UTF-8', '-nowarn', '-d', tmp, '-cp', compileCp, SOURCE], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120000,
      });
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      const err = e as { stderr?: Buffer; message: string };
      throw new Error(`javac WssPeer.java failed: ${err.stderr?.toString() ?? err.message}`);
    }
    try {
      renameSync(tmp, outDir);
    } catch {
      // Another worker won the race; its build is identical (same hash).
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(join(outDir, 'WssPeer.class'))) throw new Error(`cannot install Java peer build in ${outDir}`);
    }
  }
  const runtime = JAVA_RUNTIME_JARS.filter((j) => existsSync(j));
  classpath = [outDir, ...JAVA_COMPILE_JARS, ...runtime].join(':');
  return classpath;
}

/** One request to the Java peer: its command line and, for a FILE argument of "-", the file text. */
export interface JavaPeerRequest {
  args: string[];
  stdin?: string;
}

/** Thrown when the harness itself failed (as opposed to WSS4J answering {"ok":false}). */
export class JavaPeerError extends Error {
  override name = 'JavaPeerError';
}

/**
 * Runs many requests in one JVM and returns the parsed JSON answer of each, in order.
 * Throws JavaPeerError (with the JVM's stderr) when the process or any request failed as a harness.
 */
export function runJavaPeerBatch(requests: JavaPeerRequest[]): unknown[] {
  if (requests.length === 0) return [];
  const cp = ensureJavaPeer();
  const input = requests.map((r) => JSON.stringify(r.stdin === undefined ? { args: r.args } : r)).join('\n') + '\n';
  const r = spawnSync('java', ['-Dfile.encoding=UTF-8', '-Xshare:auto', '-XX:TieredStopAtLevel=1', '-cp', cp, 'WssPeer', 'batch'], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120000,
  });
  if (r.error) throw new JavaPeerError(`cannot run java: ${r.error.message}`);
  if (r.status !== 0) throw new JavaPeerError(`WssPeer batch exited ${String(r.status)}: ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== requests.length) {
    throw new JavaPeerError(`WssPeer answered ${lines.length} lines for ${requests.length} requests: ${r.stderr}`);
  }
  return lines.map((line, i) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new JavaPeerError(`WssPeer printed non-JSON for ${requests[i]!.args.join(' ')}: ${line}`);
    }
    if (parsed && typeof parsed === 'object' && 'harnessError' in parsed) {
      const he = (parsed as { harnessError: unknown }).harnessError;
      throw new JavaPeerError(`WssPeer ${requests[i]!.args[0]} failed: ${String(he)}\n${r.stderr}`);
    }
    return parsed;
  });
}

/** Runs one request (`args` as on WssPeer's command line; `input` is the text for a "-" argument). */
export function runJavaPeer(args: string[], input?: string): unknown {
  return runJavaPeerBatch([input === undefined ? { args } : { args, stdin: input }])[0];
}

// ------------------------------------------------------------------------------------------------
// Typed wrappers for the subcommands used by the UsernameToken tests.

export interface Wss4jVerifyResult {
  ok: boolean;
  principal?: string | null;
  passwordType?: string | null;
  actions?: string[];
  token?: { nonce: string | null; created: string | null; digest: boolean };
  error?: string;
  errorCode?: string;
  faultCode?: string | null;
  config: Record<string, unknown>;
}

export interface Wss4jMakeUtOptions {
  user: string;
  password: string;
  type: 'text' | 'digest';
  nonce?: boolean;
  created?: boolean;
  timestamp?: boolean;
}

export function makeUtArgs(o: Wss4jMakeUtOptions): string[] {
  const args = ['make-ut', o.user, o.password, o.type];
  if (o.nonce === false) args.push('--no-nonce');
  if (o.created === false) args.push('--no-created');
  if (o.timestamp) args.push('--timestamp');
  return args;
}

export function verifyUtRequest(xml: string, users: Record<string, string>, flags: string[] = []): JavaPeerRequest {
  return { args: ['verify-ut', '-', JSON.stringify(users), ...flags], stdin: xml };
}

export function asVerifyResult(v: unknown): Wss4jVerifyResult {
  if (!v || typeof v !== 'object' || typeof (v as { ok?: unknown }).ok !== 'boolean') {
    throw new JavaPeerError(`unexpected verify-ut answer: ${JSON.stringify(v)}`);
  }
  return v as Wss4jVerifyResult;
}

export function field(v: unknown, name: string): string {
  const x = v && typeof v === 'object' ? (v as Record<string, unknown>)[name] : undefined;
  if (typeof x !== 'string') throw new JavaPeerError(`WssPeer answer lacks string "${name}": ${JSON.stringify(v)}`);
  return x;
}
