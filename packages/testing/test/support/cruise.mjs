// Cruises files with a dependency-cruiser configuration and prints the result as JSON. A separate
// process because dependency-cruiser is an ES module, which Jest's CommonJS runtime cannot load.
// Usage: node cruise.mjs <config> <baseDir> <path>...
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const [config, baseDir, ...roots] = process.argv.slice(2);
const options = await extractDepcruiseOptions(path.resolve(config));
const tsConfigFile = options.tsConfig?.fileName ? path.resolve(baseDir, options.tsConfig.fileName) : undefined;
const tsConfig = tsConfigFile ? extractTSConfig(tsConfigFile) : undefined;
if (tsConfigFile) options.tsConfig = { fileName: tsConfigFile };
const result = await cruise(roots, { ...options, baseDir: path.resolve(baseDir) }, {}, { tsConfig });
process.stdout.write(JSON.stringify(result.output));
