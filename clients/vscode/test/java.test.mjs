// Java discovery of the VS Code extension (out/java.js, compiled by build-vsix.sh): the first
// Java 17+ from perflens.java.home, JAVA_HOME, PATH, and a message naming every place tried.
// Run: node --test test/java.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { findJava, JavaNotFoundError, MIN_JAVA } = require('../out/java.js');

function withEnv(env, fn) {
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
  }
  try {
    return fn();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME; else process.env.JAVA_HOME = saved.JAVA_HOME;
  }
}

test('finds the machine\'s Java 17+ when nothing is configured', () => {
  const java = findJava(null);
  assert.ok(java.major >= MIN_JAVA, `${java.executable} is Java ${java.version}`);
  assert.ok(['JAVA_HOME', 'PATH'].includes(java.source));
});

test('perflens.java.home comes first', () => {
  const found = findJava(null);
  const home = found.executable.replace(/\/bin\/java$/, '');
  const java = withEnv({ JAVA_HOME: '/nonexistent-jdk' }, () => findJava(home));
  assert.equal(java.source, 'perflens.java.home');
});

test('no Java: the message names each place looked at and what to set', () => {
  const error = withEnv({ PATH: '/nonexistent-bin', JAVA_HOME: '/nonexistent-home' }, () => {
    try {
      findJava('/nonexistent-setting');
    } catch (e) {
      return e;
    }
    return undefined;
  });
  assert.ok(error instanceof JavaNotFoundError, 'throws JavaNotFoundError');
  assert.match(error.message, /needs Java 17 or newer/);
  assert.match(error.message, /\/nonexistent-setting\/bin\/java \(perflens\.java\.home\): not found/);
  assert.match(error.message, /\/nonexistent-home\/bin\/java \(JAVA_HOME\): not found/);
  assert.match(error.message, /\(PATH\)/);
  assert.match(error.message, /perflens\.java\.home/);
});
