import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeTemplateText, templateText } from '../../src/agents/template-text.js';
import { newAgentFile } from '../../src/governance/new-agent-template.js';
import { parseAgentText } from '../../src/agents/index.js';
import { openHome } from '../../src/home/index.js';
import { cli, syntheticHome, type TempHome } from './new-home-support.js';

/**
 * "Still template text" (TODO left by `nightshift new`) is one rule: doctor
 * fails it (risk answers in `risk`, description and prompt in
 * `template_text`), validate warns with the same words and exits 0, and the
 * two name the same fields and the same invalid agents.
 */
const NO_CRONTAB = { NIGHTSHIFT_CRONTAB: '/nonexistent/crontab' };

describe('templateText', () => {
  test("finds what `nightshift new` leaves as TODO: the description when none was given, risk.worth_it, the prompt's Capability", async () => {
    const text = newAgentFile({
      name: 'standup-notes',
      owner: 'jo',
      description: 'TODO: say in one sentence what standup-notes does.',
      runner: 'extractive',
      cron: null,
      timezone: 'UTC',
      created: '2026-03-01',
    });
    const home = await syntheticHome();
    try {
      const opened = await openHome(home.root, {});
      const entry = await parseAgentText(
        text,
        {
          name: 'standup-notes',
          file: 'agents/standup-notes.md',
          absolutePath: opened.paths.agentFile('standup-notes'),
        },
        opened.defaults,
      );
      if (!entry.ok) throw new Error('the template does not validate');
      const found = templateText(entry.agent);
      expect(found.map((item) => [item.field, item.section])).toEqual([
        ['description', null],
        ['risk.worth_it', null],
        // the Identity section repeats the description; Capability has its own TODO
        ['prompt', 'Identity'],
        ['prompt', 'Capability'],
      ]);
      expect(describeTemplateText(found[3]!)).toMatch(
        /^prompt section "Capability": "TODO: what you do with the input/,
      );
    } finally {
      await home.remove();
    }
  });

  test('a word containing TODO, or todo in lower case, is no marker', () => {
    expect(
      templateText({
        description: 'Sorts TODOS and todo lists.',
        risk: { worth_it: 'Yes.' },
        prompt: '# Task\nRead the todo list.\n',
      }),
    ).toEqual([]);
  });
});

interface DoctorJson {
  agents: Array<{ agent: string; failing: string[]; checks: Array<{ id: string; ok: boolean; detail: string }> }>;
}
interface ValidateJson {
  valid: boolean;
  agents: Array<{ name: string; ok: boolean; warnings?: string[]; problems?: string[] }>;
}

describe('doctor and validate agree (built CLI)', () => {
  let home: TempHome;
  beforeEach(async () => {
    home = await syntheticHome({ timezone: 'UTC' });
  });
  afterEach(async () => home.remove());

  test('a fresh `nightshift new` agent: validate warns (exit 0), doctor fails risk and template_text, naming the same fields', async () => {
    expect((await cli(['new', 'standup-notes', '--home', home.root, '--owner', 'jo'])).code).toBe(0);

    const validate = await cli(['validate', '--home', home.root]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(
      'warning: agents/standup-notes.md: risk.worth_it: "TODO: why its output is worth running it unsupervised." is still template text',
    );
    expect(validate.stdout).toContain(
      'warning: agents/standup-notes.md: prompt section "Capability": "TODO: what you do',
    );
    expect(validate.stdout).toMatch(/1 agent: 1 valid, 0 invalid; 1 with template text left/);
    const validateJson = JSON.parse((await cli(['validate', '--json', '--home', home.root])).stdout) as ValidateJson;
    const warnings = validateJson.agents[0]!.warnings!;
    expect(validateJson.valid).toBe(true);

    const doctor = await cli(['doctor', 'standup-notes', '--json', '--home', home.root], NO_CRONTAB);
    expect(doctor.code).toBe(1);
    const agent = (JSON.parse(doctor.stdout) as DoctorJson).agents[0]!;
    expect(agent.failing).toEqual(expect.arrayContaining(['risk', 'template_text']));
    const risk = agent.checks.find((c) => c.id === 'risk')!;
    const template = agent.checks.find((c) => c.id === 'template_text')!;
    expect(risk.detail).toContain('still template text: risk.worth_it: "TODO: why');
    // every field doctor names, validate names with the same words, and no other
    const namedByDoctor = [risk.detail, template.detail]
      .map((detail) => detail.replace(/^still template text: /, ''))
      .flatMap((detail) => detail.split('; '));
    const namedByValidate = warnings.map((w) =>
      w.replace(/^agents\/standup-notes\.md: /, '').replace(/ is still template text.*$/, ''),
    );
    expect([...namedByValidate].sort()).toEqual([...namedByDoctor].sort());
  });

  test('with the TODOs written, neither says anything of template text; an invalid file is invalid to both', async () => {
    expect(
      (
        await cli([
          'new',
          'standup-notes',
          '--home',
          home.root,
          '--owner',
          'jo',
          '--description',
          'Summarizes standups.',
        ])
      ).code,
    ).toBe(0);
    const file = 'agents/standup-notes.md';
    const written = (await home.read(file))
      .replace('TODO: why its output is worth running it unsupervised.', 'The team reads it every morning.')
      .replace('TODO: what you do with the input, step by step, and for whom.', 'For the team lead:');
    await home.write(file, written);
    await home.write('agents/broken.md', '---\nname: broken\n---\nno description\n');

    const validate = JSON.parse((await cli(['validate', '--json', '--home', home.root])).stdout) as ValidateJson;
    expect(validate.agents.find((a) => a.name === 'standup-notes')).toEqual({
      name: 'standup-notes',
      file,
      ok: true,
    });
    const doctor = JSON.parse((await cli(['doctor', '--json', '--home', home.root], NO_CRONTAB)).stdout) as DoctorJson;
    const notes = doctor.agents.find((a) => a.agent === 'standup-notes')!;
    expect(notes.checks.find((c) => c.id === 'risk')).toMatchObject({ ok: true });
    expect(notes.checks.map((c) => c.id)).not.toContain('template_text');
    const invalidToValidate = validate.agents.filter((a) => !a.ok).map((a) => a.name);
    const invalidToDoctor = doctor.agents.filter((a) => a.failing.includes('valid')).map((a) => a.agent);
    expect(invalidToValidate).toEqual(['broken']);
    expect(invalidToDoctor).toEqual(invalidToValidate);
  });
});
