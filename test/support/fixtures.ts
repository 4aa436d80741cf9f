/** Who is who in the fake tenant (see test/fake-cloud/tenant.ts). */
export const TENANT = { tenant: 'contoso.onmicrosoft.com', clientId: '3c9a6f4e-2b1d-4e8a-9c7f-1a2b3c4d5e6f' };
export const ADMIN = 'nestorw@contoso.onmicrosoft.com';
export const PASSWORD = 'Passw0rd!';
export const upn = (nick: string) => `${nick}@contoso.onmicrosoft.com`;
