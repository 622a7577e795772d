#!/usr/bin/env node
// The installed `observability-audit` command. It runs the TypeScript sources the way
// `npm run audit` does (ts-node, transpile only), so there is no separate build to keep in step.
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("./cli").main();
