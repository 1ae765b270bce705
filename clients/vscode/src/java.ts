// Finds a Java 17+ runtime for the server: perflens.java.home, then JAVA_HOME, then PATH.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MIN_JAVA = 17;

export interface JavaRuntime {
    executable: string;
    version: string;
    major: number;
    source: string;
}

export class JavaNotFoundError extends Error {}

const exe = process.platform === 'win32' ? 'java.exe' : 'java';

function majorOf(version: string): number {
    const [first, second] = version.split(/[._-]/).map(n => parseInt(n, 10));
    return first === 1 && !Number.isNaN(second) ? second : first;
}

/** Runs `java -version` (it prints to stderr) and returns the version or why it is unusable. */
export function probe(executable: string): { version: string; major: number } | string {
    if (!fs.existsSync(executable)) {
        return 'not found';
    }
    const run = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 15000 });
    if (run.error) {
        return run.error.message;
    }
    const match = /version "([^"]+)"/.exec(`${run.stderr}${run.stdout}`);
    if (!match) {
        return `no version in "${executable} -version" output`;
    }
    return { version: match[1], major: majorOf(match[1]) };
}

function onPath(): string | undefined {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const candidate = path.join(dir, exe);
        if (dir && fs.existsSync(candidate)) {
            return candidate;
        }
    }
    return undefined;
}

/** The first Java 17+ found; throws JavaNotFoundError listing every place it looked. */
export function findJava(javaHomeSetting: string | null | undefined): JavaRuntime {
    const candidates: { executable: string; source: string }[] = [];
    if (javaHomeSetting) {
        candidates.push({ executable: path.join(javaHomeSetting, 'bin', exe), source: 'perflens.java.home' });
    }
    if (process.env.JAVA_HOME) {
        candidates.push({ executable: path.join(process.env.JAVA_HOME, 'bin', exe), source: 'JAVA_HOME' });
    }
    candidates.push({ executable: onPath() ?? exe, source: 'PATH' });
    const tried: string[] = [];
    for (const candidate of candidates) {
        const found = probe(candidate.executable);
        if (typeof found !== 'string' && found.major >= MIN_JAVA) {
            return { ...candidate, ...found };
        }
        const why = typeof found === 'string' ? found : `Java ${found.version} is older than ${MIN_JAVA}`;
        tried.push(`${candidate.executable} (${candidate.source}): ${why}`);
    }
    throw new JavaNotFoundError(`Perflens needs Java ${MIN_JAVA} or newer and found none. Tried: ${tried.join('; ')}. `
        + 'Install a JDK 17+, or set "perflens.java.home" to its folder.');
}
