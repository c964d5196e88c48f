/**
 * A command's options as a Slack modal, and the submitted modal back as
 * option values. Generated from the same command definition as the slash
 * command, so settings (and any command with required options) get a form
 * without Slack-specific code per command. Pure.
 *
 * Element per option type: choices → static select; boolean → Yes/No select;
 * integer/number → number input (with the option's bounds, so Slack checks
 * them in the form); anything else → plain text input. Optional
 * options leave their input optional, so a blank field means "unchanged".
 */
import type { types } from '@slack/bolt';
import { choiceLabel, choiceValue, coerceOption, type CommandOptionSpec, type CommandSpec } from './command-spec.ts';
import { isIanaZone } from './slack.directory.ts';

const CALLBACK_PREFIX = 'pw.command:';
/** Every modal callback id this module produces (for Bolt's `app.view`). */
export const MODAL_CALLBACK_PATTERN = /^pw\.command:/;
const VALUE_ACTION = 'value';

/** Where the modal was opened from, and what it was filled with; travels in `private_metadata` (at most 3000 characters). */
export interface ModalOrigin {
  channel: string;
  /** The pre-filled values by option name: a submitted value equal to one is no change. */
  initial?: Record<string, string>;
}

function plain(t: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: t.length <= max ? t : `${t.slice(0, max - 1)}…`, emoji: true };
}

function option(label: string, value: string): types.PlainTextOption {
  return { text: plain(label, 75), value };
}

function element(o: CommandOptionSpec, initial: string | undefined): types.InputBlock['element'] {
  if (o.choices?.length) {
    const opts = o.choices.slice(0, 100).map((c) => option(choiceLabel(c), choiceValue(c)));
    const init = opts.find((x) => x.value === initial);
    return { type: 'static_select', action_id: VALUE_ACTION, options: opts, ...(init ? { initial_option: init } : {}) };
  }
  if (o.type === 'boolean') {
    const opts = [option('Yes', 'true'), option('No', 'false')];
    const init = opts.find((x) => x.value === initial);
    return { type: 'static_select', action_id: VALUE_ACTION, options: opts, ...(init ? { initial_option: init } : {}) };
  }
  if (o.type === 'integer' || o.type === 'number') {
    return {
      type: 'number_input',
      action_id: VALUE_ACTION,
      is_decimal_allowed: o.type === 'number',
      ...(o.min !== undefined ? { min_value: String(o.min) } : {}),
      ...(o.max !== undefined ? { max_value: String(o.max) } : {}),
      ...(initial !== undefined ? { initial_value: initial } : {}),
    };
  }
  return { type: 'plain_text_input', action_id: VALUE_ACTION, ...(initial !== undefined ? { initial_value: initial } : {}) };
}

/**
 * The modal for `spec`; `initial` pre-fills fields by option name (e.g. the
 * time zone from the Slack profile).
 */
export function commandModal(spec: CommandSpec, origin: ModalOrigin, initial: Record<string, string> = {}): types.ModalView {
  const blocks: types.KnownBlock[] = (spec.options ?? []).slice(0, 99).map((o) => ({
    type: 'input',
    block_id: o.name,
    optional: !o.required,
    label: plain(o.name.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase()), 2000),
    hint: plain(o.description, 2000),
    element: element(o, initial[o.name]),
  }));
  return {
    type: 'modal',
    callback_id: `${CALLBACK_PREFIX}${spec.name}`,
    title: plain(`Pathwise ${spec.name}`, 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    private_metadata: metadata(origin),
    blocks,
  };
}

/** The origin as private metadata; without the pre-filled values if they would not fit (never cut mid-JSON). */
function metadata(origin: ModalOrigin): string {
  const full = JSON.stringify(origin);
  return full.length <= 3000 ? full : JSON.stringify({ channel: origin.channel }).slice(0, 3000);
}

/** The command a modal belongs to, from its callback id. */
export function modalCommandName(callbackId: string): string | null {
  return callbackId.startsWith(CALLBACK_PREFIX) ? callbackId.slice(CALLBACK_PREFIX.length) : null;
}

export function modalOrigin(privateMetadata: string | undefined): ModalOrigin | null {
  try {
    const v = JSON.parse(privateMetadata ?? '') as unknown;
    if (v && typeof v === 'object' && typeof (v as ModalOrigin).channel === 'string') {
      const initial = (v as ModalOrigin).initial;
      const strings = initial && typeof initial === 'object' ? Object.entries(initial).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
      return { channel: (v as ModalOrigin).channel, ...(strings.length ? { initial: Object.fromEntries(strings) } : {}) };
    }
  } catch {
    // not ours or empty: no origin
  }
  return null;
}

/** Shape of `view.state.values` in a `view_submission` payload: block id → action id → element state. */
export type ViewStateValues = Record<string, Record<string, { type: string; value?: string | null; selected_option?: { value: string } | null }>>;

/**
 * The submitted options, typed as the command declares; blank fields, and
 * fields still holding the value they were filled with (`initial`), are left out.
 */
export function submittedOptions(spec: CommandSpec, values: ViewStateValues, initial: Record<string, string> = {}): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const o of spec.options ?? []) {
    const state = values[o.name]?.[VALUE_ACTION];
    const raw = state?.selected_option?.value ?? state?.value ?? undefined;
    if (raw === undefined || raw === null) continue;
    if (initial[o.name] !== undefined && raw.trim() === initial[o.name]) continue;
    const v = coerceOption(o, raw);
    if (v !== undefined) out[o.name] = v;
  }
  return out;
}

/** Options that hold a time zone (pre-filled from the Slack profile, checked in the form). */
export function isZoneOption(name: string): boolean {
  return /^(tz|time_?zone|timezone)$/i.test(name);
}

/** A time zone typed into a modal is checked there, so the person can fix it in place. */
export function zoneErrors(spec: CommandSpec, values: ViewStateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const o of spec.options ?? []) {
    if (!isZoneOption(o.name)) continue;
    const v = values[o.name]?.value?.value?.trim();
    if (v && !isIanaZone(v)) errors[o.name] = `"${v}" is not a time zone name; try one like Europe/Berlin or America/New_York.`;
  }
  return errors;
}
