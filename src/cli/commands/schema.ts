import { Command } from 'commander';
import path from 'node:path';
import { pipelineJsonSchema, SCHEMA_ID } from '../../model/json-schema.js';
import { failure, usageError } from '../errors.js';
import type { Io } from '../io.js';
import { writeOutput } from '../write-file.js';

/** Where the package ships the schema, relative to its root (`schema/` in package.json files). */
export const SHIPPED_SCHEMA = 'schema/jenkins-multiarch.schema.json';

/** The schema as a file: indented, so a regenerated file differs only where the model did. */
const schemaFile = () => `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`;

/** A file this command wrote names the schema's $id; any other file is the user's. */
const isOurs = (content: string) => content.includes(`"$id": ${JSON.stringify(SCHEMA_ID)}`);

export function schemaCommand(io: Io): Command {
  return new Command('schema')
    .description(
      'Print the JSON Schema of jenkins-multiarch.yaml, for completion and inline errors in editors',
    )
    .option('-o, --output <file>', 'write it here instead of standard output')
    .option('--check', 'with -o: write nothing; exit 1 if the file is missing or differs (for CI)')
    .option('-f, --force', 'overwrite an output file that is not a jenkins-multiarch schema')
    .addHelpText(
      'after',
      `
Editors using yaml-language-server (VS Code's YAML extension, and others) read the schema named
on a config's first line. The package ships it, so once it is a devDependency of the repository
(\`npm i -D git+…#vX.Y.Z\`, see the README's install section):
  # yaml-language-server: $schema=./node_modules/jenkins-multiarch/${SHIPPED_SCHEMA}

Examples:
  $ jenkins-multiarch schema                                   # print it
  $ jenkins-multiarch schema -o jenkins-multiarch.schema.json  # write a copy to commit next to the config
  $ jenkins-multiarch schema -o jenkins-multiarch.schema.json --check   # in CI: fail when the copy is stale

Exit codes: 0 printed, written or up to date, 1 stale or refusing to overwrite, 2 bad usage.`,
    )
    .action(async (options: { output?: string; check?: boolean; force?: boolean }) => {
      const { default: fs } = await import('fs-extra');
      const content = schemaFile();
      if (options.output === undefined) {
        if (options.check) throw usageError('--check needs -o FILE: the schema file to compare');
        io.stdout(content);
        return;
      }
      const output = path.resolve(io.cwd, options.output);
      const existing = await fs.readFile(output, 'utf8').catch(() => undefined);
      if (options.check) {
        if (existing === content) return io.stderr(`${options.output} is up to date\n`);
        throw failure(
          `${options.output} is ${existing === undefined ? 'missing' : 'stale'}. Run \`jenkins-multiarch schema -o ${options.output}\`.`,
        );
      }
      if (existing !== undefined && !isOurs(existing) && !options.force) {
        throw failure(
          `refusing to overwrite ${options.output}: it is not a jenkins-multiarch schema. Move it aside, or pass --force to replace it.`,
        );
      }
      await writeOutput(output, content, options.output);
      io.stderr(`wrote ${options.output}\n`);
    });
}
