// The OpenID Connect provider of the OIDC browser test: panva's oidc-provider (OpenID
// Certified) on loopback over plain http, with one confidential client (the dashboard) and
// the provider's own development sign-in pages: any login name is accepted and becomes the
// user's e-mail. Configured by the environment; prints "ready" when listening.
//
//   OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI (the dashboard's
//   /oauth2callback, also where a sign-out returns)
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const redirectUri = process.env.OIDC_REDIRECT_URI;

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  // The ID token carries the e-mail: Streamlit (Authlib) reads the user from it.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id.split('@')[0] };
      },
    };
  },
  cookies: { keys: ['asiakastieto-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => {
  console.log('ready');
});
