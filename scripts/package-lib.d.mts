export type Files = Record<string, Uint8Array>;
export function readTree(dir: string): Files;
export function storeZip(files: Files): { zip: Uint8Array; manifest: Record<string, unknown> };
export function generatePrivateKeyPem(): string;
export function publicKeyDer(privateKeyPem: string): Buffer;
export function extensionIdFromDer(spki: Uint8Array): string;
export function readFields(buf: Uint8Array): { num: number; bytes: Buffer }[];
export function signedPayload(signedHeaderData: Uint8Array, zip: Uint8Array): Buffer;
export function buildCrx3(zip: Uint8Array, privateKeyPem: string): Buffer;
export function parseCrx3(crx: Uint8Array): {
  proofs: { publicKey: Buffer; signature: Buffer }[];
  signedHeaderData: Buffer;
  crxId: Buffer | undefined;
  zip: Buffer;
};
export function crxPackage(
  files: Files,
  privateKeyPem: string,
  options?: { updateUrl?: string },
): { crx: Buffer; id: string; manifest: Record<string, unknown>; redirectUri: string };
export function updatesXml(o: { id: string; codebase: string; version: string }): string;
