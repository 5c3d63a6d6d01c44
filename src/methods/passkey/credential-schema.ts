import { Type } from '@sinclair/typebox';

// MFA-7: the JSON a browser's PublicKeyCredential becomes (WebAuthn Level 3 `toJSON()`, base64url
// strings), for registration and for assertions alike. Its shape is checked here; what it says,
// only by the WebAuthn library.

const B64 = (maxLength: number) => Type.String({ maxLength, pattern: '^[A-Za-z0-9_-]*={0,2}$' });

export const CredentialJson = Type.Object(
  {
    id: B64(1400),
    rawId: B64(1400),
    type: Type.String({ maxLength: 20 }),
    authenticatorAttachment: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    clientExtensionResults: Type.Optional(Type.Object({}, { additionalProperties: true, maxProperties: 10 })),
    response: Type.Object(
      {
        clientDataJSON: B64(4000),
        authenticatorData: Type.Optional(B64(8000)),
        signature: Type.Optional(B64(2000)),
        userHandle: Type.Optional(Type.Union([B64(200), Type.Null()])),
        attestationObject: Type.Optional(B64(20000)),
        transports: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
        publicKeyAlgorithm: Type.Optional(Type.Integer()),
        publicKey: Type.Optional(B64(4000)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
