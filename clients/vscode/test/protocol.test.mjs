// The TypeScript side of the perflens/* protocol (src/protocol.ts) must match the Java side
// (protocol-extensions/src/main/java/dev/perflens/protocol: the PerflensProtocol interface and
// its DTOs): the same methods, parameter and result types, and for each DTO the same fields with
// corresponding types. PROTOCOL.md is checked against the same Java classes by ProtocolSpecTest,
// so the three cannot drift apart. Run: node --test test/protocol.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const javaDir = path.resolve(here, '../../../protocol-extensions/src/main/java/dev/perflens/protocol');
const tsFile = path.resolve(here, '../src/protocol.ts');

// --- Java side -------------------------------------------------------------------------
function javaSources() {
  return Object.fromEntries(fs.readdirSync(javaDir).filter(f => f.endsWith('.java'))
    .map(f => [f.replace(/\.java$/, ''), fs.readFileSync(path.join(javaDir, f), 'utf8')]));
}

function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/** perflens/* methods of the @JsonSegment("perflens") interface: {method: {kind, param, result}}. */
function javaMethods(sources) {
  // both directions: PerflensProtocol (client to server) and PerflensClientProtocol (server to client)
  const segments = Object.entries(sources).filter(([, s]) => /@JsonSegment\("perflens"\)/.test(s));
  const name = segments.map(([n]) => n).join(', ');
  const body = segments.map(([, s]) => stripComments(s)).join('\n');
  const methods = {};
  const pattern = /@Json(Request|Notification)(?:\("([^"]*)"\))?\s+(?:default\s+)?(CompletableFuture<(\w+)>|void)\s+(\w+)\(\s*(\w+)\s+\w+\s*\)/g;
  for (const m of body.matchAll(pattern)) {
    const [, kind, explicit, , result, method, param] = m;
    methods[`perflens/${explicit || method}`] = { kind: kind.toLowerCase(), param, result: result ?? null };
  }
  assert.ok(Object.keys(methods).length > 0, `no @JsonRequest/@JsonNotification methods found in ${name}.java`);
  return methods;
}

/** Java field type -> the TypeScript type the protocol uses for it. */
function tsTypeOf(javaType) {
  const list = /^(?:List|Collection|Set)<(.+)>$/.exec(javaType);
  if (list) return `${tsTypeOf(list[1])}[]`;
  const either = /^Either<(\w+),\s*(\w+)>$/.exec(javaType);
  if (either) return `${tsTypeOf(either[1])} | ${tsTypeOf(either[2])}`;
  const map = /^Map<String,\s*(.+)>$/.exec(javaType);
  if (map) return `{ [key: string]: ${tsTypeOf(map[1])}; }`;
  const scalars = {
    String: 'string', Integer: 'number', int: 'number', Long: 'number', long: 'number', Double: 'number',
    double: 'number', Float: 'number', float: 'number', Boolean: 'boolean', boolean: 'boolean',
  };
  return scalars[javaType] ?? javaType;
}

/** Instance fields of a DTO class: {name: tsType}. */
function javaFields(source) {
  const fields = {};
  for (const m of stripComments(source).matchAll(/^\s*private\s+(?!static\b)(?:final\s+)?([\w<>, ]+?)\s+(\w+)\s*(?:=[^;]*)?;/gm)) {
    fields[m[2]] = tsTypeOf(m[1].trim());
  }
  return fields;
}

// --- TypeScript side -------------------------------------------------------------------
function tsProtocol() {
  const source = ts.createSourceFile(tsFile, fs.readFileSync(tsFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = {};
  const methods = {};
  const visit = node => {
    if (ts.isInterfaceDeclaration(node)) {
      const fields = {};
      for (const member of node.members) {
        if (ts.isPropertySignature(member)) {
          fields[member.name.getText(source)] = member.type.getText(source).replace(/\s+/g, ' ');
        }
      }
      interfaces[node.name.text] = fields;
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)
        && /^(RequestType|NotificationType)\d?$/.test(node.expression.text)) {
      const method = node.arguments?.[0];
      assert.ok(method && ts.isStringLiteral(method), 'request types are created with a literal method name');
      const types = (node.typeArguments ?? []).map(t => t.getText(source));
      const kind = node.expression.text.startsWith('Request') ? 'request' : 'notification';
      methods[method.text] = { kind, param: types[0], result: kind === 'request' ? types[1] : null };
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { interfaces, methods };
}

const java = javaSources();
const javaSide = javaMethods(java);
const tsSide = tsProtocol();

test('every perflens/* method of the Java interface has a TypeScript request or notification type, and no other', () => {
  assert.deepEqual(Object.keys(tsSide.methods).sort(), Object.keys(javaSide).sort());
});

test('each method has the same kind, parameter type and result type on both sides', () => {
  for (const [method, expected] of Object.entries(javaSide)) {
    assert.deepEqual(tsSide.methods[method], expected, method);
  }
});

test('each DTO used by a method has a TypeScript interface with the same fields and types', () => {
  const dtos = new Set();
  const collect = name => {
    if (!name || dtos.has(name) || !java[name]) return;
    dtos.add(name);
    Object.values(javaFields(java[name])).forEach(t => collect(t.replace(/\[\]$/, '')));
  };
  Object.values(javaSide).forEach(m => { collect(m.param); collect(m.result); });
  assert.ok(dtos.size >= 2, `expected DTOs, found ${[...dtos]}`);
  for (const dto of dtos) {
    assert.ok(tsSide.interfaces[dto], `src/protocol.ts has no interface ${dto}`);
    assert.deepEqual(tsSide.interfaces[dto], javaFields(java[dto]), `fields of ${dto}`);
  }
});

test('every DTO class in the Java package is mirrored in TypeScript', () => {
  const dtoClasses = Object.entries(java).filter(([, s]) => /^public\s+(final\s+)?(class|record)\s/m.test(stripComments(s)))
    .map(([name]) => name);
  for (const name of dtoClasses) {
    assert.ok(tsSide.interfaces[name], `src/protocol.ts has no interface ${name}`);
  }
});

// --- Commands -----------------------------------------------------------------------------
const workspaceService = path.resolve(here, '../../../server/lsp/src/main/java/dev/perflens/lsp/PerflensWorkspaceService.java');

/** The ids in PerflensWorkspaceService.COMMANDS, resolved through its String constants. */
function advertisedCommands() {
  const source = stripComments(fs.readFileSync(workspaceService, 'utf8'));
  const constants = Object.fromEntries([...source.matchAll(/static final String (\w+) = "([^"]+)";/g)].map(m => [m[1], m[2]]));
  const list = /List<String> COMMANDS = java\.util\.List\.of\(([^)]*)\)/.exec(source)
    ?? /List<String> COMMANDS = List\.of\(([^)]*)\)/.exec(source);
  assert.ok(list, 'PerflensWorkspaceService.COMMANDS not found');
  return list[1].split(',').map(name => constants[name.trim()]).sort();
}

/** The ids of ServerCommands in src/protocol.ts. */
function tsServerCommands() {
  const text = fs.readFileSync(tsFile, 'utf8');
  const body = /export const ServerCommands = \{([^}]*)\}/.exec(text);
  assert.ok(body, 'src/protocol.ts has no ServerCommands');
  return [...body[1].matchAll(/'([^']+)'/g)].map(m => m[1]).sort();
}

test('ServerCommands in src/protocol.ts are the commands the server advertises', () => {
  assert.deepEqual(tsServerCommands(), advertisedCommands());
});

test('no command the extension contributes has the id of a server command (the language client registers those)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(here, '../package.json'), 'utf8'));
  const contributed = pkg.contributes.commands.map(c => c.command);
  const clash = contributed.filter(id => advertisedCommands().includes(id));
  assert.deepEqual(clash, []);
});
