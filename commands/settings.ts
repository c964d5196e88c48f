import type { CommandDefinition } from '../src/coach/command.ts';
import { applySettings } from '../src/coach/flows/settings.ts';

/** `/settings [hour] [timezone] [minutes] [prefer] [avoid] [paused]`: show or change them. */
export default {
  name: 'settings',
  description: 'Show or change daily hour, time zone, minutes per day, formats, pause',
  options: [
    { name: 'hour', description: 'Local hour for the daily task, 0-23', type: 'integer', required: false, min: 0, max: 23 },
    { name: 'timezone', description: 'Your IANA time zone, e.g. Europe/Berlin', type: 'string', required: false },
    { name: 'minutes', description: 'Minutes you can spend per day, 5-600', type: 'integer', required: false, min: 5, max: 600 },
    { name: 'prefer', description: 'Preferred formats: video, article, exercise, quiz, project, course', type: 'string', required: false },
    { name: 'avoid', description: 'Formats to avoid (same names), or "none"', type: 'string', required: false },
    { name: 'paused', description: 'Pause (yes) or resume (no) daily tasks and review prompts', type: 'boolean', required: false },
  ],
  handler: (ctx, args) => applySettings(ctx, args),
  current: ({ settings: s }) => ({
    hour: s.dailyHour,
    timezone: s.timezone,
    minutes: s.minutesPerDay,
    prefer: s.preferredFormats.length ? s.preferredFormats.join(',') : 'none',
    avoid: s.avoidedFormats.length ? s.avoidedFormats.join(',') : 'none',
    paused: s.paused,
  }),
} satisfies CommandDefinition;
