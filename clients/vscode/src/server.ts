// How the server is started: the configured perflens.server.path or the jar bundled in the
// extension; a jar runs on the Java that findJava picks.
import * as fs from 'fs';
import * as path from 'path';
import { Executable } from 'vscode-languageclient/node';
import { findJava, JavaRuntime } from './java';
import { PerflensSettings } from './settings';

export class ServerNotFoundError extends Error {}

export const JVM_OPTIONS = ['-Xss4m', '-XX:+UseSerialGC'];

export interface ServerLaunch {
    executable: Executable;
    description: string;
    java?: JavaRuntime;
}

export function bundledJar(extensionPath: string): string {
    return path.join(extensionPath, 'server', 'perflens.jar');
}

export function serverLaunch(extensionPath: string, settings: PerflensSettings): ServerLaunch {
    const server = settings.serverPath ?? bundledJar(extensionPath);
    const source = settings.serverPath ? 'perflens.server.path' : 'bundled';
    if (!fs.existsSync(server)) {
        throw new ServerNotFoundError(`The Perflens server was not found at ${server} (${source}). `
            + 'Set "perflens.server.path" to a perflens.jar or to bin/perflens of a Perflens checkout.');
    }
    if (!server.endsWith('.jar')) {
        return { executable: { command: server, args: ['lsp'] }, description: `${server} lsp (${source})` };
    }
    const java = findJava(settings.javaHome);
    return {
        executable: { command: java.executable, args: [...JVM_OPTIONS, '-jar', server, 'lsp'] },
        description: `${server} (${source}) on Java ${java.version} from ${java.source}`,
        java,
    };
}
