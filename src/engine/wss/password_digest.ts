// UsernameToken Profile 1.1 §3.1 Password_Digest:
//   Password_Digest = Base64( SHA-1( nonce + created + password ) )
// with the nonce as its decoded bytes, Created exactly as sent (UTF-8) and the password in UTF-8.

import { concatBytes, sha1, toBase64, utf8 } from '../crypto/index.ts';

/** The PasswordDigest text for a wsse:Password of Type #PasswordDigest. */
export async function passwordDigest(nonce: Uint8Array, created: string, password: string | Uint8Array): Promise<string> {
  const secret = typeof password === 'string' ? utf8(password) : password;
  return toBase64(await sha1(concatBytes(nonce, utf8(created), secret)));
}
