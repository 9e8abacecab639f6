// validatePveCommand: an argv for qm/pct/vzdump/pvesh/pvesm/pveam, checked the way the real CLI
// maps it to the Proxmox VE API (CLIHandler -> get_options -> RESTHandler::handle -> validate),
// with the real tool's error text and exit code.
import { checkProp } from './pve-check.mjs';
import { CLI_COMMANDS, PVESH_METHODS, REAL_COMMANDS, STANDARD_OUTPUT_OPTIONS } from './pve-cli.mjs';
import { PveParamError, getOptions } from './pve-getopt.mjs';
import { apiNodes, findHandler, methodProperties } from './pve-schema.mjs';

export { apiSchemaFile, bundledSchemaFile, findHandler, sharedSchemaFile, slim } from './pve-schema.mjs';

/**
 * @typedef {Record<string, string | string[]>} PveParams
 * @typedef {{ ok: true, tool: string, command: string, path: string, method: string, params: PveParams }} PveOk
 * @typedef {{ ok: false, errors: string[], stderr: string, exitCode: number }} PveFail
 * @typedef {Record<string, any>} PropSchema
 */

/** @param {string} template @param {string} method */
function methodAt(template, method) {
  const node = apiNodes().find((n) => n.path === template);
  return node?.info?.[method];
}

/** RESTHandler::usage_str in its 'short' form. */
function usageLine(
  /** @type {string} */ prefix,
  /** @type {Record<string, PropSchema>} */ props,
  /** @type {string[] | string} */ args,
  /** @type {Set<string>} */ fixed,
) {
  const argList = typeof args === 'string' ? [args] : args;
  const parts = argList.map((a) => {
    if (typeof args === 'string') return `{<${a}>}`;
    if (a === 'extra-args' || props[a]?.['optional']) return `[<${a}>]`;
    return `<${a}>`;
  });
  let hasOptions = false;
  for (const k of Object.keys(props).sort()) {
    if (argList.includes(k) || fixed.has(k)) continue;
    if (props[k]?.['optional']) hasOptions = true;
    else parts.push(`--${k} <${props[k]?.['type'] ?? 'string'}>`);
  }
  return `${prefix}${parts.length ? ` ${parts.join(' ')}` : ''}${hasOptions ? ' [OPTIONS]' : ''}\n`;
}

/** @param {string} stderr @param {number} exitCode @param {string[]} errors @returns {PveFail} */
function fail(stderr, exitCode, errors) {
  return { ok: false, errors, stderr, exitCode };
}

/** CLIHandler's $abort: "ERROR: ..." then the tool's usage, exit -1 (255). */
function abort(/** @type {string} */ tool, /** @type {string} */ reason) {
  const lines = Object.entries(CLI_COMMANDS[tool] ?? {})
    .filter(([c]) => c !== '')
    .map(([c, cmd]) => {
      const props = cmd.schema ?? methodProperties(methodAt(cmd.path, cmd.method) ?? {});
      return `       ${usageLine(`${tool} ${c}`, props, cmd.args, new Set(cmd.fixedNode ? ['node'] : []))}`;
    })
    .join('');
  return fail(`ERROR: ${reason}\nUSAGE: ${tool} <COMMAND> [ARGS] [OPTIONS]\n\n${lines}`, 255, [reason]);
}

/**
 * @param {string} prefix usage prefix, e.g. "qm set"
 * @param {Record<string, PropSchema>} props options the command line may carry
 * @param {string[] | string} args
 * @param {Record<string, string>} fixed
 * @param {string[]} argv
 * @param {Record<string, PropSchema>} verifyProps the method schema the parameters are validated against
 * @returns {{ params: PveParams } | PveFail}
 */
function parseAndVerify(prefix, props, args, fixed, argv, verifyProps) {
  const usage = usageLine(prefix, props, args, new Set(Object.keys(fixed)));
  /** @type {PveParams} */
  let params;
  try {
    params = getOptions(props, argv, args, fixed);
  } catch (error) {
    if (!(error instanceof PveParamError)) throw error;
    const warnings = error.warnings.map((w) => `${w}\n`).join('');
    return fail(`${warnings}400 ${error.message}\n${usage}`, 255, [...error.warnings, error.message]);
  }
  return verify(verifyProps, params, usage) ?? { params };
}

/**
 * RESTHandler::handle's validate(): the parameters against the method schema.
 * @param {Record<string, PropSchema>} verifyProps @param {PveParams} params @param {string} usage
 * @returns {PveFail | undefined}
 */
function verify(verifyProps, params, usage) {
  /** @type {Record<string, string>} */
  const errors = {};
  for (const key of Object.keys(verifyProps).sort()) {
    const value = params[key];
    if (Array.isArray(value)) continue;
    checkProp(value, /** @type {PropSchema} */ (verifyProps[key]), key, errors);
  }
  for (const key of Object.keys(params).sort()) {
    if (!verifyProps[key]) {
      errors[key] = 'property is not defined in schema and the schema does not allow additional properties';
    }
  }
  const keys = Object.keys(errors).sort();
  if (keys.length === 0) return undefined;
  const body = keys.map((k) => `${k}: ${errors[k]}\n`).join('');
  const lines = body.split('\n').filter((l) => l !== '');
  return fail(`400 Parameter verification failed.\n${body}${usage}`, 255, lines);
}

/** @param {string} template @param {PveParams} params */
function concretePath(template, params) {
  return template.replace(/\{([^}]+)\}/g, (whole, k) => {
    const v = params[k];
    return typeof v === 'string' ? v : whole;
  });
}

/** @param {string[]} rest @returns {PveOk | PveFail} */
function validatePvesh(rest) {
  const sub = rest[0];
  if (!sub) return abort('pvesh', 'no command specified');
  const method = PVESH_METHODS[sub];
  if (!method) {
    if (REAL_COMMANDS['pvesh']?.includes(sub)) return notModelled(`pvesh ${sub}`);
    return abort('pvesh', `unknown command 'pvesh ${sub}'`);
  }
  const path = rest[1];
  /** @type {Record<string, PropSchema>} */
  let verifyProps = {};
  /** @type {Record<string, string>} */
  let uriParams = {};
  let template = '';
  if (path !== undefined) {
    const handler = findHandler(method, path);
    if (!handler) {
      const msg = `No '${sub}' handler defined for '${path}'`;
      return fail(`${msg}\n`, 1, [msg]);
    }
    template = handler.template;
    uriParams = handler.uriParams;
    verifyProps = methodProperties(handler.info);
  }
  // pvesh's own method takes the API method's parameters minus those in the path (PVE/CLI/pvesh.pm).
  const props = {
    ...Object.fromEntries(Object.entries(verifyProps).filter(([k]) => uriParams[k] === undefined)),
    api_path: { type: 'string' },
    noproxy: { type: 'boolean', optional: 1 },
    ...STANDARD_OUTPUT_OPTIONS,
  };
  const parsed = parseAndVerify(`pvesh ${sub}`, props, ['api_path'], {}, rest.slice(1), props);
  if (!('params' in parsed)) return parsed;
  /** @type {PveParams} */
  const apiParams = { ...uriParams };
  /** @type {PveParams} */
  const output = {};
  for (const [k, v] of Object.entries(parsed.params)) {
    if (k === 'api_path' || k === 'noproxy') continue;
    if (STANDARD_OUTPUT_OPTIONS[k]) output[k] = v;
    else apiParams[k] = v;
  }
  const usage = usageLine(`pvesh ${sub}`, props, ['api_path'], new Set());
  const failed = verify(verifyProps, apiParams, usage);
  if (failed) return failed;
  return {
    ok: true,
    tool: 'pvesh',
    command: sub,
    path: concretePath(template, apiParams),
    method,
    params: { ...apiParams, ...output },
  };
}

/** A real command the test double does not simulate: say so rather than pretend. */
function notModelled(/** @type {string} */ what) {
  const msg = `nix-mox shim: '${what}' is a real command that this test double does not simulate`;
  return fail(`${msg}\n`, 70, [msg]);
}

/**
 * Validates a Proxmox CLI argv (argv[0] is the tool: qm, pct, vzdump, pvesh, pvesm, pveam) against
 * the API schema, as the real tool would before doing anything.
 * @param {string[]} argv
 * @param {{ node?: string }} [opts] node: the local node name the CLI fills in (default "pve")
 * @returns {PveOk | PveFail}
 */
export function validatePveCommand(argv, opts = {}) {
  const node = opts.node ?? 'pve';
  const tool = argv[0] ?? '';
  const rest = argv.slice(1);
  if (tool === 'pvesh') return validatePvesh(rest);
  const table = CLI_COMMANDS[tool];
  if (!table)
    return fail(`nix-mox shim: '${tool}' is not a Proxmox API client\n`, 2, [`unknown tool '${tool}'`]);

  let name = '';
  let args = rest;
  if (tool !== 'vzdump') {
    let words = [...rest];
    if (words[0] === 'agent' && tool === 'qm') words = ['guest', 'cmd', ...words.slice(1)];
    const first = words[0];
    if (!first) return abort(tool, 'no command specified');
    if (first === 'guest' && tool === 'qm') {
      const second = words[1];
      if (!second) return abort(tool, "incomplete command 'qm guest'");
      name = `guest ${second}`;
      args = words.slice(2);
      if (!table[name]) {
        if (REAL_COMMANDS['qm guest']?.includes(second)) return notModelled(`qm ${name}`);
        return abort(tool, `unknown command 'qm ${name}'`);
      }
    } else {
      name = first;
      args = words.slice(1);
      if (!table[name]) {
        if (REAL_COMMANDS[tool]?.includes(name)) return notModelled(`${tool} ${name}`);
        return abort(tool, `unknown command '${tool} ${name}'`);
      }
    }
  }
  const cmd = /** @type {import('./pve-cli.mjs').CliCommand} */ (table[name]);
  /** @type {Record<string, PropSchema>} */
  let props;
  if (cmd.schema) props = cmd.schema;
  else {
    const info = methodAt(cmd.path, cmd.method);
    if (!info) throw new Error(`API schema has no ${cmd.method} ${cmd.path}`);
    props = methodProperties(info);
  }
  /** @type {Record<string, string>} */
  const fixed = cmd.fixedNode ? { node } : {};
  const prefix = name ? `${tool} ${name}` : tool;
  const parsed = parseAndVerify(prefix, props, cmd.args, fixed, args, props);
  if (!('params' in parsed)) return parsed;
  const params = { node, ...parsed.params };
  return {
    ok: true,
    tool,
    command: name,
    path: concretePath(cmd.path, params),
    method: cmd.method,
    params: parsed.params,
  };
}
