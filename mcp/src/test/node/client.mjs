// Drives Statekeeper's MCP server with the official TypeScript SDK client over stdio:
// initialize, list the tools, call every tool (and a few that must fail), read resources, get prompts and
// completions, print one JSON line per step.
//   node client.mjs COMMAND [ARG...]    (the command starts the server; its stderr passes through)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const [command, ...args] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
const client = new Client({ name: 'statekeeper-ts-client-test', version: '1.0.0' });
await client.connect(transport);
print({ step: 'initialize', server: client.getServerVersion(), instructions: client.getInstructions() ?? null });

const { tools } = await client.listTools();
print({
  step: 'tools',
  tools: tools.map((t) => ({
    name: t.name,
    described: Boolean(t.description) &&
      Object.values(t.inputSchema.properties ?? {}).every((p) => typeof p.description === 'string' && p.description),
    required: t.inputSchema.required ?? [],
    readOnly: t.annotations?.readOnlyHint ?? null,
    title: t.title ?? null,
    outputType: t.outputSchema?.type ?? null,
  })),
});

/**
 * Calls a tool and prints the outcome; returns the parsed JSON result, or null for a tool error. The SDK's
 * callTool validates a result's structuredContent against the tool's outputSchema (from listTools) and throws
 * when it does not match or is missing.
 */
async function call(step, name, args, on = client) {
  const result = await on.callTool({ name, arguments: args });
  const text = result.content.map((c) => c.text).join('');
  const isError = result.isError === true;
  print({ step, tool: name, isError, text, code: result._meta?.code ?? null,
    structured: result.structuredContent ?? null, verdict: result._meta?.verdict ?? null });
  return isError ? null : JSON.parse(text);
}

const project = 'ts-demo';
const loop = await call('create-loop', 'initialize_refinement_loop', { project, type: 'spec' });
const loopId = loop.id;
await call('feedback', 'store_critic_feedback', {
  loopId, criticAgent: 'spec-critic', overallScore: 90, assessmentSummary: 'Ready',
  keyIssues: [], recommendations: ['ship it'],
});
await call('decide', 'decide_loop_next_action', { loopId });
await call('status', 'get_loop_status', { loopId });
await call('active', 'list_active_loops', {});
await call('list-loops', 'list_loops', { project, type: 'spec', limit: 5 });
const spare = await call('spare-loop', 'initialize_refinement_loop', { project, type: 'plan' });
await call('delete-loop', 'delete_loop', { loopId: spare.id });
await call('store-objective', 'store_current_objective_feedback', { loopId, text: 'Ship auth by Friday' });
await call('get-objective', 'get_previous_objective_feedback', { loopId });

await call('store-spec', 'store_spec', { project, spec: { title: 'User Auth', objectives: 'log users in', scope: 'web' } });
await call('update-spec', 'update_spec', { project, name: 'user-auth', spec: { architecture: 'OAuth device flow' } });
await call('frozen-field', 'update_spec', { project, name: 'user-auth', spec: { scope: 'everything' } });
await call('get-spec', 'get_spec', { project, name: 'user-auth' });
await call('list-specs', 'list_specs', { project });
await call('resolve-spec', 'resolve_spec', { project, partialName: 'auth' });
await call('spec-history', 'get_spec_history', { project, name: 'user-auth' });
await call('spec-revision', 'get_spec_revision', { project, name: 'user-auth', version: 1 });
await call('link', 'link_loop_to_spec', { loopId, project, name: 'User Auth' });
await call('loop-spec', 'get_loop_spec', { loopId });
await call('unlink', 'unlink_loop', { loopId });

await call('create-roadmap', 'create_roadmap', { project, roadmap: { title: 'TS roadmap', projectGoal: 'v1 in Q3' } });
await call('get-roadmap', 'get_roadmap', { project });
await call('store-plan', 'store_project_plan', { project, plan: { vision: 'Agents that remember' } });
await call('get-plan', 'get_project_plan', { project });
await call('list-plans', 'list_project_plans', {});
await call('delete-plan', 'delete_project_plan', { project });

await call('start-session', 'start_session', { name: 'ts-session', repoName: 'web', metadata: { ticket: '42' } });
await call('get-session', 'get_session', { name: 'ts-session' });
await call('list-sessions', 'list_sessions', { repoName: 'web' });
await call('end-session', 'end_session', { name: 'ts-session' });
await call('delete-spec', 'delete_spec', { project, name: 'user-auth' });
await call('clean-loops', 'clean_loops', { olderThan: '30d', dryRun: true });
await call('clean-sessions', 'clean_sessions', { olderThan: '0s', dryRun: true });
await call('doctor', 'run_doctor', { checks: ['connection', 'journal-mode'], failOn: 'P2' });
await call('perf', 'get_performance', { since: '15m', operation: 'getLoop', limit: 5 });

const templates = await client.listResourceTemplates();
print({ step: 'resource-templates', uris: templates.resourceTemplates.map((t) => t.uriTemplate).sort() });
const listed = await client.listResources();
print({ step: 'resources', uris: listed.resources.map((r) => r.uri) });
const read = await client.readResource({ uri: `statekeeper://loops/${loopId}` });
print({ step: 'read-loop', uri: read.contents[0].uri, mimeType: read.contents[0].mimeType, json: JSON.parse(read.contents[0].text) });
try {
  await client.readResource({ uri: 'statekeeper://loops/nope1234' });
  print({ step: 'read-missing', thrown: null });
} catch (e) {
  print({ step: 'read-missing', thrown: String(e.message), code: e.code ?? null });
}
const prompts = await client.listPrompts();
print({ step: 'prompts', names: prompts.prompts.map((p) => p.name).sort() });
const refine = await client.getPrompt({ name: 'refine_spec_with_critic', arguments: { project, spec: 'user-auth' } });
print({ step: 'prompt-refine', text: refine.messages[0].content.text });
const completed = await client.complete({ ref: { type: 'ref/prompt', name: 'refine_spec_with_critic' },
  argument: { name: 'project', value: 'ts-' } });
print({ step: 'complete-project', values: completed.completion.values });

await call('not-found', 'get_loop_status', { loopId: 'nope1234' });
await call('wrong-type', 'store_critic_feedback', { loopId, criticAgent: 'c', overallScore: '80', assessmentSummary: 's' });
await call('unknown-field', 'get_loop_status', { loop_id: loopId });
await call('missing-field', 'get_spec', { project });
try {
  await client.callTool({ name: 'no_such_tool', arguments: {} });
  print({ step: 'unknown-tool', thrown: null });
} catch (e) {
  print({ step: 'unknown-tool', thrown: String(e.message), code: e.code ?? null });
}

await client.close();
print({ step: 'closed' });

// A second server, on a memory store, which keeps the change history: a resource subscription and its
// notification, list_events and wait_for_loop.
const events = new Client({ name: 'statekeeper-ts-events', version: '1.0.0' });
await events.connect(new StdioClientTransport({ command, args: [...args, 'memory'], stderr: 'inherit' }));
print({ step: 'events-capabilities', subscribe: events.getServerCapabilities()?.resources?.subscribe ?? null });
const updated = [];
let notified;
const arrived = new Promise((resolve) => { notified = resolve; });
events.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { updated.push(n.params.uri); notified(); });
const watched = await call('events-loop', 'initialize_refinement_loop', { project: 'ts-events', type: 'spec' }, events);
const watchedUri = `statekeeper://loops/${watched.id}`;
await events.subscribeResource({ uri: watchedUri });
await call('events-feedback', 'store_critic_feedback', { loopId: watched.id, criticAgent: 'critic', overallScore: 70,
  assessmentSummary: 'closer' }, events);
let timer;
await Promise.race([arrived, new Promise((resolve) => { timer = setTimeout(resolve, 60000); })]);
clearTimeout(timer);
print({ step: 'resource-updated', uris: updated, expected: watchedUri });
await call('list-events', 'list_events', { entity: `loop:${watched.id}` }, events);
await call('wait-loop', 'wait_for_loop', { loopId: watched.id, version: 1, timeoutSeconds: 5 }, events);
try {
  await events.subscribeResource({ uri: 'statekeeper://loops/nope1234' });
  print({ step: 'subscribe-missing', thrown: null });
} catch (e) {
  print({ step: 'subscribe-missing', thrown: String(e.message), code: e.code ?? null });
}
await events.close();
print({ step: 'events-closed' });
