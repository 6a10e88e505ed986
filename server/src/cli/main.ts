import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { findRule, RULES } from '../rules';
import { VERSION } from '../version';
import { FAIL_ON, FORMATS, runScan, UsageError, type FailOn, type Format } from './scan';

/** Rule docs ship beside the bundle: dist/cli.js → docs/rules/ID.md. */
function ruleDoc(id: string): string | undefined {
  for (const dir of [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')]) {
    const file = path.join(dir, `${id}.md`);
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  }
  return undefined;
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('agov')
    .description('Agent Governance: identity governance for AI-agent code (Mastra, AI SDK, OpenAI Agents, LangChain/LangGraph).')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('scan')
    .description('scan a workspace and report agents and findings')
    .argument('[paths...]', 'a workspace directory (default: the current directory), or files and folders inside it')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--config <file>', 'policy file (default: agent-governance.config.json in the root)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...FAIL_ON]).default('error'))
    .action((paths: string[], opts: { format: Format; output?: string; config?: string; failOn: FailOn }) => {
      const tty = !!process.stderr.isTTY;
      setExit(
        runScan({
          paths,
          format: opts.format,
          output: opts.output,
          config: opts.config,
          failOn: opts.failOn,
          cwd: process.cwd(),
          progress: tty ? (m) => process.stderr.write(`${m}\n`) : undefined,
          color: !!process.stdout.isTTY && !process.env.NO_COLOR,
        }),
      );
    });

  program
    .command('rules')
    .description('list the rules')
    .action(() => {
      for (const rule of RULES) {
        const m = rule.meta;
        process.stdout.write(`${m.id}  ${m.name.padEnd(28)} ${m.defaultSeverity.padEnd(8)} ${m.summary}\n`);
      }
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule>', 'rule id (AG301) or name (memory-to-tool-flow)')
    .action((id: string) => {
      const rule = findRule(id);
      if (!rule) throw new UsageError(`unknown rule: ${id} (see 'agov rules')`);
      const doc = ruleDoc(rule.meta.id);
      process.stdout.write(doc ?? `${rule.meta.id}: ${rule.meta.name}\n\n${rule.meta.summary}\n`);
    });

  program
    .command('lsp')
    .description('run the language server (for any LSP client)')
    .option('--stdio', 'communicate over stdin/stdout (the default)')
    .action(() => {
      // The server owns the process from here; it exits when the client asks it to.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../lsp/main').startServer();
      setExit(-1);
    });
  return program;
}

export function main(argv: string[]): number {
  let exit = 0;
  const program = buildProgram((code) => (exit = code));
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`agov: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return exit;
}
