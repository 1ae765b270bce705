// Extension-host tests: run inside the real VS Code (code-server) through the `payload` URL's
// extensionTestsPath, against the extension installed from the .vsix and the real server.
// Results go to $PERFLENS_TEST_OUT/results.json; screenshots are taken by the browser driver
// (test/drive.mjs) when this suite asks for one.
const vscode = require('vscode');
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const OUT = process.env.PERFLENS_TEST_OUT;
const EXTENSION_ID = 'perflens.perflens';
const RULE = 'string-concat-in-loop';
const FILE = 'src/main/java/com/example/orders/ReportService.java';
const MATCHER = 'src/main/java/com/example/orders/OrderMatcher.java';
const PROFILES = path.resolve(__dirname, '../../../../fixtures/profiles');
// The longest a step may take: the benchmark and the first analysis take seconds, a hang forever.
const TEST_TIMEOUT_MS = 180000;
const TOAST = '.notification-toast';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(what, ms, predicate) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await predicate();
    if (value) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await sleep(100);
  }
}

function log(line) {
  fs.appendFileSync(path.join(OUT, 'suite.log'), `${new Date().toISOString()} ${line}\n`);
}

// Asks the browser driver (test/drive.mjs) to act in the page as a user would: it watches for
// NAME.request ({action: 'screenshot'} or {action: 'click', selector, text}) and answers with
// NAME.done, or NAME.failed holding the error.
let requests = 0;
async function browser(request) {
  const name = request.action === 'screenshot' ? request.name : `${String(++requests).padStart(2, '0')}-${request.action}`;
  fs.writeFileSync(path.join(OUT, `${name}.request`), JSON.stringify(request));
  const done = path.join(OUT, `${name}.done`);
  const failed = path.join(OUT, `${name}.failed`);
  await waitFor(`the browser to ${request.action} ${request.selector || request.name}`, 30000,
    () => fs.existsSync(done) || fs.existsSync(failed));
  if (fs.existsSync(failed)) {
    throw new Error(`browser ${request.action} failed: ${fs.readFileSync(failed, 'utf8')}`);
  }
}
const screenshot = name => browser({ action: 'screenshot', name });
const click = (selector, text) => browser({ action: 'click', selector, text });
const expectVisible = (selector, text) => browser({ action: 'expect', selector, text });
const typeInto = (selector, text) => browser({ action: 'type', selector, text });

const codeOf = d => (d.code && typeof d.code === 'object' ? d.code.value : d.code);

// Applies a unified diff to text: what the document must be after the fix.
function patch(text, diff) {
  const lines = text.split('\n');
  const result = [];
  let next = 0;
  const diffLines = diff.split('\n');
  for (let i = 0; i < diffLines.length; i++) {
    const hunk = /^@@ -(\d+)/.exec(diffLines[i]);
    if (!hunk) {
      continue;
    }
    const start = parseInt(hunk[1], 10) - 1;
    while (next < start) {
      result.push(lines[next++]);
    }
    for (i++; i < diffLines.length && !diffLines[i].startsWith('@@'); i++) {
      const mark = diffLines[i][0];
      const body = diffLines[i].slice(1);
      if (mark === ' ' || mark === '-') {
        assert.strictEqual(lines[next], body, `diff context at line ${next + 1}`);
        next++;
      }
      if (mark === ' ' || mark === '+') {
        result.push(body);
      }
    }
    i--;
  }
  while (next < lines.length) {
    result.push(lines[next++]);
  }
  return result.join('\n');
}

exports.run = async function run() {
  log(`suite started in VS Code ${vscode.version}`);
  const results = [];
  const test = async (name, fn) => {
    const started = Date.now();
    let timer;
    try {
      // A step that waits forever (a dialog that never closes) fails after TEST_TIMEOUT_MS and the
      // next one runs, instead of holding the whole suite until the driver gives up.
      await Promise.race([fn(), new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no result after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS);
      })]);
      results.push({ name, ok: true, ms: Date.now() - started });
      log(`ok - ${name}`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - started, error: (e && e.stack) || String(e) });
      log(`not ok - ${name}: ${e && e.stack}`);
    } finally {
      clearTimeout(timer);
    }
  };
  const folder = vscode.workspace.workspaceFolders[0].uri;
  const uri = vscode.Uri.joinPath(folder, FILE);
  const perflensDiagnostics = () => vscode.languages.getDiagnostics(uri)
    .filter(d => d.source === 'perflens')
    .sort((a, b) => a.range.start.line - b.range.start.line);
  let extension, api, document, editor, diagnostics, resolved, preview;

  await test('the extension installed from the .vsix activates on a Java file and starts its bundled server', async () => {
    document = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'java');
    extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor('activation', 30000, () => extension.isActive);
    api = extension.exports;
    await api.ready();
    assert.ok(api.client && api.client.isRunning(), 'the language client is running');
    assert.match(api.launch, /perflens\.jar \(bundled\) on Java 1[7-9]|perflens\.jar \(bundled\) on Java [2-9]\d/);
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'server', 'perflens.jar')), 'the jar is in the .vsix');
    // Workspace trust is VS Code's: this test runs with it off, so the folder counts as trusted
    assert.strictEqual(vscode.workspace.isTrusted, true);
    assert.deepStrictEqual(api.client.clientOptions.initializationOptions.perflens.workspace, { trusted: true },
      'the server is told the workspace trust');
    const manifest = extension.packageJSON.capabilities.untrustedWorkspaces;
    assert.strictEqual(manifest.supported, 'limited', 'Restricted Mode runs the extension with limited support');
    assert.deepStrictEqual(manifest.restrictedConfigurations, ['perflens.java.home', 'perflens.server.path'],
      'a workspace cannot choose the program that runs');
  });

  await test('the perflens.* commands registered are the ones package.json contributes plus the server\'s forwarded commands', async () => {
    const contributed = extension.packageJSON.contributes.commands.map(c => c.command);
    // vscode-languageclient registers every command of the server's executeCommandProvider
    // (PerflensWorkspaceService.COMMANDS) as an editor command that forwards to the server
    const forwarded = ['perflens.benchmark', 'perflens.hotspots', 'perflens.importProfile'];
    // VS Code adds its own commands for each contributed view (perflens.hotspots.focus, ...)
    const views = extension.packageJSON.contributes.views.explorer.map(v => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter(c => c.startsWith('perflens.') && !views.some(view => c.startsWith(view))).sort();
    assert.deepStrictEqual(registered, [...contributed, ...forwarded].sort());
    assert.ok(contributed.every(c => !forwarded.includes(c)), 'no contributed command shadows a server command');
  });

  await test('Perflens diagnostics appear with code (the rule id, linked to its page) and source "perflens"', async () => {
    diagnostics = await waitFor('4 Perflens diagnostics', 90000, () => {
      const found = perflensDiagnostics();
      return found.length >= 4 && found;
    });
    for (const d of diagnostics) {
      assert.strictEqual(d.source, 'perflens');
      assert.strictEqual(codeOf(d), RULE);
      assert.ok(String(d.code.target).includes(RULE), `code links to the rule page: ${d.code.target}`);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.ok(d.message.length > 10, 'a message');
    }
    assert.ok(document.lineAt(diagnostics[0].range.start.line).text.includes('report += order.id()'));
    assert.strictEqual(diagnostics[0].data.ruleId, RULE, 'the FindingRef travels as data');
  });

  await test('the quick fix is offered in the editor and resolves to a StringBuilder edit', async () => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri,
      diagnostics[0].range, vscode.CodeActionKind.QuickFix.value, 10);
    const action = actions.find(a => a.title.includes('StringBuilder'));
    assert.ok(action, `offered: ${actions.map(a => a.title).join(' | ')}`);
    assert.match(action.title, /^Use a StringBuilder for 'report' \(~[0-9.,]+x faster at (the default )?n=\w+ \([0-9.,]+-[0-9.,]+x\)\)$/,
      'the title carries the measured impact from the calibration');
    assert.ok(vscode.CodeActionKind.QuickFix.contains(action.kind));
    assert.strictEqual(action.isPreferred, true);
    assert.ok(action.edit, 'resolved through codeAction/resolve');
    const newText = action.edit.get(uri).map(e => e.newText).join('');
    assert.ok(newText.includes('StringBuilder'), newText);
  });

  await test('resolving the quick fix yields an edit whose change annotation needs confirmation', async () => {
    const d = diagnostics[0];
    const range = api.client.code2ProtocolConverter.asRange(d.range);
    const lspDiagnostic = { range, message: d.message, source: d.source, code: RULE, severity: 2, data: d.data };
    const actions = await api.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri.toString() }, range, context: { diagnostics: [lspDiagnostic] },
    });
    const action = actions.find(a => a.title.includes('StringBuilder'));
    assert.ok(action && !action.edit && action.data, 'the edit is left to codeAction/resolve');
    resolved = await api.client.sendRequest('codeAction/resolve', action);
    const change = resolved.edit.documentChanges[0];
    assert.strictEqual(change.textDocument.uri, uri.toString());
    for (const edit of change.edits) {
      const annotation = resolved.edit.changeAnnotations[edit.annotationId];
      assert.ok(annotation, `edit annotated: ${JSON.stringify(edit)}`);
      assert.strictEqual(annotation.needsConfirmation, true);
    }
  });

  await test('perflens/previewFix (typed in src/protocol.ts) returns the unified diff and the same edit', async () => {
    preview = await api.previewFix(diagnostics[0].data);
    assert.strictEqual(preview.ruleId, RULE);
    assert.ok(preview.title.includes('StringBuilder'));
    assert.ok(preview.impact.includes('O(n^2) -> O(n)'));
    assert.ok(preview.diff.startsWith(`--- a/${FILE}\n+++ b/${FILE}\n@@ `), preview.diff);
    assert.deepStrictEqual(preview.edit, resolved.edit);
  });

  await test('screenshot: the editor with a Perflens diagnostic, its hover and the problems panel', async () => {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(document, { preserveFocus: false });
    const at = diagnostics[0].range.start.translate(0, 6);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(diagnostics[0].range, vscode.TextEditorRevealType.InCenter);
    await sleep(500);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    await screenshot('vscode-diagnostic');
  });

  await test('the light bulb menu shows the quick fix with its impact', async () => {
    await vscode.commands.executeCommand('editor.action.hideHover');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await expectVisible('.action-widget', "Use a StringBuilder for 'report' (~");
    await screenshot('vscode-quick-fix');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  const CHECKBOX = '.bulk-edit-panel input.edit-checkbox';
  const BUTTON = '.bulk-edit-panel .monaco-button';
  await test('applying the quick fix opens the refactor preview and changes nothing until the user applies it', async () => {
    await vscode.commands.executeCommand('editor.action.hideHover');
    const before = document.getText();
    // The same conversion vscode-languageclient does for the code action's edit: the
    // annotation becomes the edit's needsConfirmation metadata.
    const edit = await api.client.protocol2CodeConverter.asWorkspaceEdit(resolved.edit);
    let settled = false;
    const discarded = vscode.workspace.applyEdit(edit).then(applied => { settled = true; return applied; });
    await sleep(2500);
    assert.strictEqual(settled, false, 'applyEdit waits for the user');
    assert.strictEqual(document.getText(), before, 'nothing changed while the preview is open');
    await screenshot('vscode-refactor-preview');
    await click(BUTTON, 'Discard');
    assert.strictEqual(await discarded, false, 'discarded');
    assert.strictEqual(document.getText(), before, 'nothing changed after Discard');

    // Edits that need confirmation start unchecked: the user ticks the file, then Apply.
    const applied = vscode.workspace.applyEdit(edit);
    await click(CHECKBOX);
    assert.strictEqual(document.getText(), before, 'ticking changes nothing yet');
    await click(BUTTON, 'Apply');
    assert.strictEqual(await applied, true, 'applied after Apply');
    assert.strictEqual(document.getText(), patch(before, preview.diff), 'the document is the previewed text');
    assert.ok(!document.getText().includes('report += order.id()'));
  });

  await test('after the fix the diagnostics are refreshed: the fixed finding is gone', async () => {
    await waitFor('3 Perflens diagnostics', 60000, () => perflensDiagnostics().length === 3);
    for (const d of perflensDiagnostics()) {
      assert.ok(!document.lineAt(d.range.start.line).text.includes('report'), 'no finding left on a report line');
    }
  });

  await test('"Perflens: Preview Fix as Diff" shows the diff of the finding at the cursor and changes nothing', async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('4 Perflens diagnostics after the revert', 60000, () => perflensDiagnostics().length === 4);
    const d = perflensDiagnostics()[0];
    const reverted = document.getText();
    editor = vscode.window.activeTextEditor;
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    const result = await vscode.commands.executeCommand('perflens.previewFix');
    assert.ok(result && result.title.includes('StringBuilder'), 'the command returns the preview');
    const shown = vscode.window.activeTextEditor.document;
    assert.strictEqual(shown.languageId, 'diff');
    assert.ok(shown.getText().includes(result.diff), 'the diff is shown');
    assert.strictEqual(document.getText(), reverted, 'the Java file is unchanged');
  });

  let matcherUri, matcherFinding;
  await test('"Perflens: Import Profile…" loads the fixture JFR picked in the file dialog and shows its summary', async () => {
    matcherUri = vscode.Uri.joinPath(folder, MATCHER);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(matcherUri));
    const profile = path.join(PROFILES, 'order-service.jfr');
    const imported = vscode.commands.executeCommand('perflens.importProfileFile');
    await typeInto('.quick-input-widget .quick-input-box input', profile);
    const summary = await imported;
    assert.ok(summary, 'the command returns the server\'s ProfileSummary');
    assert.strictEqual(summary.name, 'order-service.jfr');
    assert.strictEqual(summary.format, 'jfr');
    assert.ok(summary.cpuSamples > 0, `CPU samples: ${summary.cpuSamples}`);
    await expectVisible(TOAST, `Perflens: imported ${summary.summary}`);
  });

  await test('"Perflens: Import Profile…" with the collapsed-stacks fixture as argument, and a clear error for a file that is no profile', async () => {
    const summary = await vscode.commands.executeCommand('perflens.importProfileFile', path.join(PROFILES, 'order-service.collapsed'));
    assert.strictEqual(summary.format, 'collapsed');
    assert.ok(summary.cpuSamples > 0);
    const notProfile = await vscode.commands.executeCommand('perflens.importProfileFile', path.join(PROFILES, 'README.md'));
    assert.strictEqual(notProfile, undefined, 'nothing is returned for a file that cannot be read');
    await expectVisible(TOAST, 'README.md');
    assert.ok(api.client.isRunning(), 'the server keeps running');
  });

  await test('"Perflens: Show Hotspots" lists OrderMatcher.matchOrders first, with its finding under it, in the Explorer', async () => {
    matcherFinding = await waitFor('the list-membership-in-loop finding of OrderMatcher', 60000, () =>
      vscode.languages.getDiagnostics(matcherUri).find(d => d.source === 'perflens' && codeOf(d) === 'list-membership-in-loop'));
    const nodes = await vscode.commands.executeCommand('perflens.showHotspots');
    assert.ok(nodes.length >= 2, `hotspots: ${nodes.length}`);
    const first = nodes[0];
    assert.strictEqual(first.hotspot.name, 'OrderMatcher.matchOrders');
    assert.ok(first.hotspot.selfShare > 0.5, `own share ${first.hotspot.selfShare}`);
    assert.ok(first.hotspot.methodRange.start.line < matcherFinding.range.start.line
      && first.hotspot.methodRange.end.line > matcherFinding.range.start.line, 'the method range holds the finding');
    const children = await api.hotspots.getChildren(first);
    assert.deepStrictEqual(children.map(c => c.finding.ruleId), ['list-membership-in-loop'], 'the finding under matchOrders');
    assert.strictEqual(children[0].finding.range.start.line, matcherFinding.range.start.line);
    assert.match(api.hotspots.getTreeItem(children[0]).description, /^list-membership-in-loop · line \d+ · O\(n\*m\) -> O\(n\+m\)/);
    const item = api.hotspots.getTreeItem(first);
    assert.match(item.description, /^\d+% own · \d+% total$/);
    await expectVisible('.pane-body .monaco-list-row', 'OrderMatcher.matchOrders');
    await expectVisible('.pane-body .monaco-list-row', 'list-membership-in-loop');
    await screenshot('vscode-hotspots');
  });

  let benchmark;
  await test('"Benchmark this fix" runs "Perflens: Run Benchmark for This Finding": progress in a notification, then the speed-up and the report', async () => {
    const editorOfMatcher = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(matcherUri));
    editorOfMatcher.selection = new vscode.Selection(matcherFinding.range.start, matcherFinding.range.start);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', matcherUri,
      matcherFinding.range, vscode.CodeActionKind.QuickFix.value, 10);
    const action = actions.find(a => a.title === 'Benchmark this fix');
    assert.ok(action, `offered: ${actions.map(a => a.title).join(' | ')}`);
    assert.strictEqual(action.command.command, 'perflens.runBenchmark', 'the code action runs the extension\'s command');
    assert.strictEqual(action.command.arguments[0].finding.ruleId, 'list-membership-in-loop');
    const running = vscode.commands.executeCommand(action.command.command, ...action.command.arguments);
    await expectVisible(TOAST, 'Perflens benchmark');
    await waitFor('a progress report', 120000, () => api.lastBenchmark && api.lastBenchmark.progress.some(p => p.startsWith('report:')));
    await screenshot('vscode-benchmark-progress');
    benchmark = await running;
    const run = api.lastBenchmark;
    log(`benchmark progress: ${run.progress.join(' | ')}`);
    assert.strictEqual(run.outcome, 'done');
    assert.ok(run.progress[0].startsWith('begin: '), run.progress[0]);
    assert.ok(run.progress.some(p => /^report: fork \d+\/\d+/.test(p)), 'JMH forks reported');
    assert.ok(run.progress.some(p => /\(\d+%\)$/.test(p)), 'percentages reported');
    assert.strictEqual(run.progress[run.progress.length - 1], `end: ${benchmark.summary}`);
    assert.ok(benchmark.rows.length > 0, 'measured rows');
    const largest = benchmark.rows[benchmark.rows.length - 1];
    for (const figure of ['originalScore', 'fixedScore', 'speedup', 'speedupLow', 'speedupHigh']) {
      assert.ok(Number.isFinite(largest[figure]) && largest[figure] > 0, `${figure}: ${largest[figure]}`);
    }
    assert.ok(largest.speedupLow <= largest.speedup && largest.speedup <= largest.speedupHigh, 'the interval holds the speed-up');
    assert.ok(benchmark.summary.includes(`n=${largest.size}`), `the verdict is at the largest size: ${benchmark.summary}`);
    assert.ok(fs.existsSync(vscode.Uri.parse(benchmark.reportUri).fsPath), 'the JSON report exists');
    const markdown = fs.readFileSync(vscode.Uri.parse(benchmark.markdownUri).fsPath, 'utf8');
    // the evidence card's order: verdict, behaviour, speed-up per size, allocation
    const at = heading => markdown.indexOf(heading);
    assert.ok(at('## Behaviour') > 0 && at('## Behaviour') < at('## Speed-up') && at('## Speed-up') < at('## Allocation'),
      `the report card: ${markdown}`);
    assert.ok(markdown.includes(`\n| ${largest.size} | `), 'the Markdown report holds the largest size\'s row');
    assert.strictEqual(benchmark.behaviour.verdict, 'preserved', benchmark.behaviour.reason);
    assert.ok(benchmark.behaviour.outputs.compared >= 50, `outputs compared: ${benchmark.behaviour.outputs.compared}`);
    await expectVisible(TOAST, benchmark.summary);
    await expectVisible(`${TOAST} .monaco-button`, 'Open Report');
    await screenshot('vscode-benchmark-result');
  });

  await test('Cancel on the benchmark notification cancels the request: the server stops the run', async () => {
    const running = vscode.commands.executeCommand('perflens.runBenchmark', { finding: matcherFinding.data });
    await waitFor('the second run to report progress', 120000,
      () => api.lastBenchmark && api.lastBenchmark.outcome === 'running' && api.lastBenchmark.progress.some(p => p.startsWith('report:')));
    await click(`${TOAST} .monaco-button`, 'Cancel');
    assert.strictEqual(await running, undefined, 'no result for a canceled run');
    const run = api.lastBenchmark;
    assert.strictEqual(run.outcome, 'canceled');
    await waitFor('the server\'s end of progress', 20000, () => run.progress.some(p => p.startsWith('end: ')));
    assert.strictEqual(run.progress[run.progress.length - 1], 'end: canceled', 'the server reports the run canceled');
  });

  await test('"Perflens: Open Benchmark Report" picks the report of the workspace and opens its Markdown preview', async () => {
    const opened = vscode.commands.executeCommand('perflens.openBenchmarkReport');
    await expectVisible('.quick-input-widget', 'OrderMatcher.matchOrders');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const uri = await opened;
    assert.strictEqual(uri.fsPath, vscode.Uri.parse(benchmark.markdownUri).fsPath);
    await waitFor('the Markdown preview', 15000, () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab && tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview');
    });
  });

  await test('perflens.profiles loads a profile at start; perflens.diagnostics.minimumSeverity hides what is below it', async () => {
    const config = () => vscode.workspace.getConfiguration('perflens');
    const matcherDiagnostics = () => vscode.languages.getDiagnostics(matcherUri).filter(d => d.source === 'perflens');
    const hotMethod = () => matcherDiagnostics().find(d => codeOf(d) === 'hot-method');
    assert.strictEqual(hotMethod().severity, vscode.DiagnosticSeverity.Information, 'hot-method is information');
    await config().update('profiles', [path.join(PROFILES, 'order-service.jfr')], vscode.ConfigurationTarget.Global);
    await config().update('diagnostics.minimumSeverity', 'warning', vscode.ConfigurationTarget.Global);
    // After the restart the imported profiles are gone; the setting loads one, which raises the finding to error.
    await waitFor('the raised finding without the information diagnostics', 90000, () => {
      const found = matcherDiagnostics();
      return found.some(d => codeOf(d) === 'list-membership-in-loop' && d.severity === vscode.DiagnosticSeverity.Error)
        && found.every(d => d.severity <= vscode.DiagnosticSeverity.Warning);
    });
    assert.strictEqual(hotMethod(), undefined, 'hot-method (information) is hidden');
    await config().update('diagnostics.minimumSeverity', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('hot-method again', 90000, () => hotMethod() !== undefined);
    await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
  });

  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
};
