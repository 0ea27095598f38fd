// Serves the browser tests' fixture by hand (a 200-account demo on a throw-away PGlite, an admin and a viewer),
// to look at the dashboard as the e2e tests see it: `node --import tsx scripts/serve-demo-e2e.ts [port]`.
import { ADMIN, DEMO_WORKSPACE, startDemoServer, VIEWER } from '../test/e2e/helpers/start-demo-server.ts';

const port = Number(process.argv[2] ?? 0);
const demo = await startDemoServer({ port });
process.stdout.write(
  `${demo.url}  workspace ${DEMO_WORKSPACE}: ${ADMIN.email} / ${ADMIN.password}, ${VIEWER.email} / ${VIEWER.password}\n`,
);
const stop = () => void demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
