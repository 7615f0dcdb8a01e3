/**
 * Which agents this home's managed crontab block runs. The block is the one
 * `nightshift cron install` writes: "# BEGIN nightshift <home>" … "# END
 * nightshift <home>", one `… run <agent> --trigger cron --home <home>` line
 * per agent. Pure: the crontab's text in, names out.
 */
const RUN = /(?:^|\s)run\s+'?([a-z0-9][a-z0-9-]{0,62})'?(?=\s|$)/;

export function agentsInCronBlock(crontab: string, home: string): string[] {
  const begin = `# BEGIN nightshift ${home}`;
  const end = `# END nightshift ${home}`;
  const agents: string[] = [];
  let inside = false;
  for (const raw of crontab.split('\n')) {
    const line = raw.replace(/\r$/, '').trimEnd();
    if (line === begin) inside = true;
    else if (line === end) inside = false;
    else if (inside && line.trim().length > 0 && !line.trimStart().startsWith('#')) {
      const name = RUN.exec(line)?.[1];
      if (name && !agents.includes(name)) agents.push(name);
    }
  }
  return agents;
}
