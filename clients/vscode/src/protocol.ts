// The perflens/* extension to LSP, as the server declares it in
// protocol-extensions/src/main/java/dev/perflens/protocol/ (PerflensProtocol and its DTOs) and
// specifies in protocol-extensions/PROTOCOL.md. test/protocol.test.mjs fails when the two sides
// differ in methods, parameter and result types, or fields.
import { NotificationType, Position, Range, RequestType, WorkspaceEdit } from 'vscode-languageclient';

/** One finding in one version of a document: the `data` of every Perflens diagnostic and code action. */
export interface FindingRef {
    /** The document's URI. */
    uri: string;
    /** The document version the finding was computed on. */
    version: number;
    /** The rule id, also the diagnostic's code. */
    ruleId: string;
    /** The finding's key within that version: rule id and span. */
    key: string;
}

/** A fix shown before anything changes: its title, the expected impact, the diff, and the edit. */
export interface PreviewFixResult {
    /** The fix's title, as in the code action. */
    title: string;
    /** The rule that found the problem. */
    ruleId: string;
    /** The expected impact and where the estimate comes from. */
    impact: string;
    /** The change as a unified diff ("--- a/path", "+++ b/path", hunks). */
    diff: string;
    /** The same change as a workspace edit; every edit carries a needsConfirmation annotation. */
    edit: WorkspaceEdit;
}

/** `perflens/previewFix`: the fix of one finding as a unified diff and as a workspace edit. */
export const PreviewFixRequest = new RequestType<FindingRef, PreviewFixResult, void>('perflens/previewFix');

/** What to benchmark and how: a finding, a method (uri and position) or a saved benchmark, plus optional settings that override .perflens.json for this run. Exactly one target is needed; the finding wins over uri/position, which win over benchmarkId. */
export interface BenchmarkParams {
    /** The finding whose fix to benchmark (a diagnostic's or code action's data); or null. */
    finding: FindingRef;
    /** With position: the document of a method to benchmark (with its fixes, or as it is when it has none). */
    uri: string;
    /** With uri: a position inside the method. */
    position: Position;
    /** The id of a saved benchmark (.perflens/benchmarks/ID.json) to run again. */
    benchmarkId: string;
    /** "quick" (default) or "thorough". */
    mode: string;
    /** Forked JVMs per variant. */
    forks: number;
    /** JMH warm-up iterations per size and fork. */
    warmupIterations: number;
    /** Length of one warm-up iteration. */
    warmupMillis: number;
    /** JMH measurement iterations per size and fork. */
    measurementIterations: number;
    /** Length of one measurement iteration. */
    iterationMillis: number;
    /** Input sizes; larger ones are dropped when one call takes longer than maxCallMillis. */
    sizes: number[];
    /** The longest one call may take at a size for that size to be measured. */
    maxCallMillis: number;
    /** Wall-clock limit of the whole benchmark. */
    timeoutSeconds: number;
    /** A progress token the client created; without one the server creates its own. */
    workDoneToken: string | number;
}

/** The outcome of a benchmark: the verdict, the numbers behind it, and where the report is. Every figure is computed from the JMH data in the rows. */
export interface BenchmarkResult {
    /** The benchmark's id; its report is .perflens/benchmarks/ID.json. */
    id: string;
    /** The method, e.g. "OrderMatcher.matchOrders(List<Order>, List<String>)". */
    method: string;
    /** The document the method is in. */
    uri: string;
    /** The finding whose fix was measured, when the benchmark was started for one. */
    finding: FindingRef;
    /** The rule whose fix was measured; null when the method was measured as it is. */
    ruleId: string;
    /** The fix that was measured; null when the method was measured as it is. */
    fixTitle: string;
    /** At the largest size: "faster", "no significant difference", "slower" or "measured". */
    verdict: string;
    /** One line with the numbers, e.g. "measured 14.2x ± 1.1 faster at n=1000". */
    summary: string;
    /** One row per measured size, ascending. */
    rows: BenchmarkRow[];
    /** Dropped sizes, other sizes' differing verdicts, result mismatches between the variants. */
    notes: string[];
    /** The result as a Markdown table (the same as in the report). */
    table: string;
    /** The JMH settings, e.g. "quick: 2 forks per variant x 10 x 100 ms (warm-up 3 x 100 ms), -Xmx512m". */
    settings: string;
    /** JDK and VM the forks ran on. */
    jdk: string;
    /** The JMH version. */
    jmhVersion: string;
    /** How long the whole run took. */
    wallMillis: number;
    /** The JSON report under .perflens/benchmarks/; null when there is no workspace folder to write it to. */
    reportUri: string;
    /** The Markdown report beside it. */
    markdownUri: string;
    /** Whether the fix keeps behaviour; null when the method was measured as it is. */
    behaviour: BenchmarkBehaviour;
}

/** Whether a fix keeps what the method does, checked before it is timed; "changed" rejects the fix. */
export interface BenchmarkBehaviour {
    /** "preserved", "changed" or "untested". */
    verdict: string;
    /** Why, in one sentence. */
    reason: string;
    /** The project's tests on the original and on the fixed copy. */
    tests: BehaviourTests;
    /** Both variants' outputs compared on the same inputs. */
    outputs: BehaviourOutputs;
}

/** The project's tests on the original and on the fixed copy. */
export interface BehaviourTests {
    /** How the tests were chosen, or why none ran. */
    selection: string;
    /** The test classes that ran. */
    selected: string[];
    /** Tests run on the fixed copy (those that passed on the original). */
    run: number;
    passed: number;
    failed: number;
    skipped: number;
    /** Each failure on the fixed copy. */
    failures: BehaviourFailure[];
    /** Tests already failing on the original: reported, not counted. */
    failingBefore: BehaviourFailure[];
}

/** A test that failed: its name and message. */
export interface BehaviourFailure {
    test: string;
    message: string;
}

/** Both variants' outputs compared on the same inputs. */
export interface BehaviourOutputs {
    /** Inputs compared. */
    compared: number;
    /** Of those, inputs on which the variants differed. */
    differing: number;
    /** Inputs left out because the original itself gave different results. */
    unstable: number;
    /** Inputs whose results could not be compared. */
    uncompared: number;
    /** The first differing input, or null. */
    example: BehaviourExample;
}

/** The first input on which the variants differed. */
export interface BehaviourExample {
    /** Which input and its values. */
    input: string;
    /** What differed: the result, the exception, the arguments' state after the call. */
    what: string;
    /** What the original did. */
    original: string;
    /** What the fixed variant did. */
    fixed: string;
}

/** One input size of a benchmark: both variants' scores and what they say together. */
export interface BenchmarkRow {
    /** The input size (n). */
    size: number;
    /** The unit of the scores, "ns/op". */
    unit: string;
    /** Mean time per call of the code as it is. */
    originalScore: number;
    /** Half-width of its 99.9% confidence interval (JMH's scoreError); null with too few iterations. */
    originalError: number;
    /** Mean time per call with the fix applied; null when only the original was measured. */
    fixedScore: number;
    /** Half-width of its 99.9% confidence interval. */
    fixedError: number;
    /** originalScore / fixedScore: above 1 the fix is faster. */
    speedup: number;
    /** The speed-up's 99.9% interval, low end. */
    speedupLow: number;
    /** The speed-up's 99.9% interval, high end. */
    speedupHigh: number;
    /** "faster", "no significant difference", "slower", or "measured" (no fix). */
    verdict: string;
    /** Bytes allocated per call by the original (JMH -prof gc); null when not profiled. */
    originalAllocBytes: number;
    /** Bytes allocated per call with the fix. */
    fixedAllocBytes: number;
}

/** Which hotspots to list: how many, and of which metric. */
export interface HotspotsParams {
    /** How many methods to return, heaviest first; default 10. */
    limit: number;
    /** "cpu" (default), "allocation" or "lock". */
    metric: string;
}

/** The hottest workspace methods of the loaded profiles, and the profiles they come from. */
export interface HotspotsResult {
    /** The metric the shares are of: "cpu", "allocation" or "lock". */
    metric: string;
    /** Events of this metric in the loaded profiles: the denominator of the shares. */
    totalSamples: number;
    /** The loaded profiles; empty when none is loaded. */
    profiles: ProfileSummary[];
    /** The methods, heaviest self share first. */
    hotspots: Hotspot[];
}

/** One hot workspace method. */
export interface Hotspot {
    /** The method as people write it, e.g. "OrderMatcher.matchOrders". */
    name: string;
    /** The source file. */
    uri: string;
    /** The method's name in the source, where an editor jumps to. */
    range: Range;
    /** The whole method declaration: a client lists the findings inside it with the method. */
    methodRange: Range;
    /** Zero-based line with the most self samples in the method; null when none. */
    hottestLine: number;
    /** Share (0..1) of samples in its own code and the JDK/library code it calls. */
    selfShare: number;
    /** Share (0..1) of samples in stacks that pass through it, workspace callees included. */
    totalShare: number;
    /** Number of samples behind selfShare. */
    selfSamples: number;
    /** Number of samples behind totalShare. */
    totalSamples: number;
    /** The profile file name(s) the numbers come from. */
    profiles: string;
    /** Perflens findings inside the method, largest expected saving first. */
    findings: HotspotFinding[];
}

/** A Perflens finding inside a hot method, with what fixing it is expected to save. */
export interface HotspotFinding {
    /** The rule's id, as in the diagnostic's code. */
    ruleId: string;
    /** The flagged code. */
    range: Range;
    /** "error", "warning", "info" or "hint". */
    severity: string;
    /** What is slow and why (the diagnostic's first line). */
    message: string;
    /** The impact in short: the complexity model, the measured speed-up and the expected saving. */
    impact: string;
    /** Expected whole-program saving (0..1 of the profile's metric, Amdahl's law); null when not computable. */
    expectedSaving: number;
    /** Whether a quick fix is offered for it. */
    fixAvailable: boolean;
}

/** One loaded profile: where it comes from and what it holds. */
export interface ProfileSummary {
    /** The file name, as messages cite it. */
    name: string;
    /** The absolute path. */
    path: string;
    /** "jfr" or "collapsed". */
    format: string;
    /** Number of CPU (execution) samples. */
    cpuSamples: number;
    /** Number of allocation samples. */
    allocationSamples: number;
    /** Bytes those allocation samples stand for. */
    allocationBytes: number;
    /** Number of contended monitor enters. */
    lockEvents: number;
    /** Start of the recording (ISO-8601); null when the format does not say. */
    start: string;
    /** End of the recording (ISO-8601); null when the format does not say. */
    end: string;
    /** What produced it, e.g. the JVM and main class of a JFR recording; null when unknown. */
    origin: string;
    /** Facts about the import a user should know. */
    notes: string[];
    /** One line for people, e.g. "orders.jfr: 41,200 CPU samples over 60.0 s". */
    summary: string;
}
/** `perflens/hotspots`: the hottest workspace methods of the loaded profiles. */
export const HotspotsRequest = new RequestType<HotspotsParams, HotspotsResult, void>('perflens/hotspots');

/** `perflens/benchmark`: measures a fix against the original with JMH in a sandbox. */
export const BenchmarkRequest = new RequestType<BenchmarkParams, BenchmarkResult, void>('perflens/benchmark');

/** `perflens/benchmarkResult` (server to client): a benchmark finished. */
export const BenchmarkResultNotification = new NotificationType<BenchmarkResult>('perflens/benchmarkResult');

/**
 * The commands the server advertises in executeCommandProvider (PerflensWorkspaceService.COMMANDS).
 * vscode-languageclient registers each as an editor command that forwards to the server, so the
 * extension's own commands must have other ids (test/protocol.test.mjs checks both).
 */
export const ServerCommands = {
    benchmark: 'perflens.benchmark',
    importProfile: 'perflens.importProfile',
    hotspots: 'perflens.hotspots',
} as const;

/** The diagnostic source and the change annotation every Perflens fix carries. */
export const DIAGNOSTIC_SOURCE = 'perflens';

export function isFindingRef(value: unknown): value is FindingRef {
    const v = value as Partial<FindingRef> | undefined;
    return !!v && typeof v.uri === 'string' && typeof v.version === 'number'
        && typeof v.ruleId === 'string' && typeof v.key === 'string';
}
