// Child process for the crash-safety test: writes two generations of a FileSet into a root, over and over,
// until it is killed. argv: <root> <first generation>. Prints "go" once it starts writing.
import { writeFileSet } from '../../src/files/write-set';
import { crashFileSet } from './crash-fileset';

const [root, first] = process.argv.slice(2);
let gen = Number(first);
process.stdout.write('go\n');
let n = 0;
for (;;) {
  writeFileSet(root!, crashFileSet(gen), { now: new Date(Date.UTC(2026, 4, 1, 0, 0, n++ % 60)) });
  gen = 1 - gen;
}
