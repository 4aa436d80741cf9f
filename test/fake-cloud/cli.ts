/**
 * Starts the fake cloud from the command line:
 *   npx tsx test/fake-cloud/cli.ts --port 8443 [--users 3000] [--latency 0] [--client-id …] [--extension-id …]
 *                                  [--rp-id login.microsoft.com] [--token-lifetime 3600] [--verbose]
 * Prints the port, the Chromium flags and the sign-in credentials, then runs until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startFakeCloud } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    users: { type: 'string', default: '3000' },
    latency: { type: 'string', default: '0' },
    'client-id': { type: 'string' },
    'extension-id': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    'rp-id': { type: 'string' },
    'token-lifetime': { type: 'string' },
    seed: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npx tsx test/fake-cloud/cli.ts [--port 8443] [--users 3000] [--latency ms] [--client-id GUID] [--extension-id ID] [--redirect-uri URI]… [--rp-id HOST] [--token-lifetime s] [--seed n] [--verbose]',
  );
  process.exit(0);
}

const fake = await startFakeCloud({
  port: Number(values.port),
  userCount: Number(values.users),
  latencyMs: Number(values.latency),
  clientId: values['client-id'],
  extensionId: values['extension-id'],
  redirectUri: values['redirect-uri'],
  rpId: values['rp-id'],
  tokenLifetimeSeconds: values['token-lifetime'] ? Number(values['token-lifetime']) : undefined,
  seed: values.seed ? Number(values.seed) : undefined,
  verbose: values.verbose,
});

const t = fake.tenant;
const f = t.fixed;
console.log(`fake-cloud listening on https://127.0.0.1:${fake.port}`);
console.log(`  tenant      ${t.tenantId} (${t.domain}), ${t.users.length} users, ${t.groups.length} groups`);
console.log(`  client id   ${t.config.clientId}`);
console.log(`  redirect    ${t.config.redirectUris.join(', ')}`);
console.log('');
console.log('Chromium flags:');
console.log(`  --host-resolver-rules="${fake.resolverRules}" --ignore-certificate-errors`);
console.log('');
console.log(`Sign-in (every user's password: ${t.config.password}):`);
console.log(`  Authentication Administrator             ${f.authAdmin!.userPrincipalName}`);
console.log(`  Privileged Authentication Administrator  ${f.privAuthAdmin!.userPrincipalName}`);
console.log(`  Global Administrator                     ${f.globalAdmin!.userPrincipalName}`);
console.log(`  no admin role                            ${f.noRole!.userPrincipalName}`);
console.log(
  `  targets: ${['adele', 'megan', 'lee', 'diego', 'isaiah', 'johanna', 'grady'].map((k) => f[k]!.userPrincipalName).join(', ')}`,
);
console.log('');
console.log(
  `Control: curl -sk --resolve fake-control.local:${fake.port}:127.0.0.1 https://fake-control.local:${fake.port}/__control`,
);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
