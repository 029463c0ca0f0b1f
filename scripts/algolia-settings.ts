// `npm run algolia:settings`: pushes the Algolia index settings and sort replicas (run by `npm run deploy`); skipped when the keys are not set.
import { algoliaHosts, algoliaIndexName, createAlgoliaClient } from "../workers/search/algolia-client";
import { pushAlgoliaSettings } from "../workers/search/algolia-settings";

const log = (message: string) => console.log(`[algolia] ${message}`);
// The Worker's secrets live in Cloudflare and cannot be read back: the deploying shell provides the same values.
const { ALGOLIA_APP_ID: appId, ALGOLIA_ADMIN_KEY: adminKey } = process.env;

if (!appId && !adminKey) {
  log("ALGOLIA_APP_ID and ALGOLIA_ADMIN_KEY are not set: no settings pushed (without Algolia the Worker searches Postgres)");
} else if (!appId || !adminKey) {
  console.error(`[algolia] ${appId ? "ALGOLIA_ADMIN_KEY" : "ALGOLIA_APP_ID"} is not set: set both to push the index settings, or neither to skip`);
  process.exitCode = 1;
} else {
  const indexName = algoliaIndexName(process.env);
  log(`pushing the settings of ${indexName} and its sort replicas to ${appId}`);
  await pushAlgoliaSettings(createAlgoliaClient(appId, adminKey, algoliaHosts(process.env.ALGOLIA_HOSTS)), indexName, log);
}
