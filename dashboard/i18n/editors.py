"""fi/en texts of the sign-in gate (`auth_`, `role_`), the care-plan editor (`editor_`),
the budget override form (`override_`) and the price-proposal form (`price_proposal_`)."""

from __future__ import annotations

EDITOR_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "auth_title": 'Asiakastieto – kirjaudu sisään',
        "auth_username": 'Käyttäjätunnus',
        "auth_password": 'Salasana',
        "auth_login": 'Kirjaudu',
        "auth_logout": 'Kirjaudu ulos',
        "auth_bad_login": 'Väärä käyttäjätunnus tai salasana.',
        "auth_locked": ('Liian monta epäonnistunutta kirjautumista: tunnus on lukittu '
            '{minutes} minuutiksi. Yritä myöhemmin tai ota yhteys ylläpitäjään.'),
        "auth_oidc_info": 'Kirjaudu kaupungin tunnuksilla.',
        "auth_not_authorised": ('Olet kirjautunut ({email}), mutta sinulla ei ole oikeuksia '
            'Asiakastietoon. Pyydä ylläpitäjää lisäämään sinut.'),
        "auth_signed_in": 'Kirjautunut: **{name}** ({role})',
        "auth_demo_banner": ('Demotila: ei kirjautumista, kaikilla on johtajan oikeudet. Palvelin '
            'kuuntelee vain tätä konetta (localhost).'),
        "auth_demo_refused": ('Demotila (ei kirjautumista) on sallittu vain, kun palvelin '
            'kuuntelee vain localhostia; nyt server.address = {address!r}. '
            'Määritä kirjautuminen (asiakastieto user add … tai [auth] '
            'secrets.toml:ssa) tai käynnistä `asiakastieto serve`.'),
        "auth_demo_proxied": ('Demotila (ei kirjautumista) ei ole sallittu '
            'välityspalvelimen takana: se avaisi kojelaudan kaikille. Määritä kirjautuminen '
            '(asiakastieto user add … tai [auth] secrets.toml:ssa).'),
        "role_director": 'johtaja',
        "role_manager": 'kumppanuuspäällikkö',
        "role_viewer": 'katselija',
        "override_line": 'Ohitettava rivi',
        "override_amount": 'Uusi summa € / vuosi',
        "override_why": 'Perustelu',
        "override_save": 'Tallenna ohitus',
        "override_saved": 'Ohitus tallennettu; ehdotus päivittyy muutamassa sekunnissa.',
        "override_need_why": 'Kirjoita perustelu.',
        "override_no_user": 'Kirjoita nimesi sivupalkkiin (Nimi) ennen tallennusta.',
        "override_remove": 'Poista ohitus',
        "override_removed": 'Ohitus poistettu (historia säilyy).',
        "override_none": 'Ei ohituksia.',
        "price_proposal_title": 'Tallenna ensi vuoden hintaehdotukseksi',
        "price_proposal_name": 'Ehdotuksen nimi',
        "price_proposal_use": 'Käytä ensi vuoden budjettiehdotuksessa',
        "price_proposal_note": 'Huomautus',
        "price_proposal_save": 'Tallenna ehdotus',
        "price_proposal_saved": ('Hintaehdotus tallennettu; budjettiehdotus päivittyy '
            'muutamassa sekunnissa.'),
        "price_proposal_no_user": 'Kirjoita nimesi sivupalkkiin (Nimi) ennen tallennusta.',
        "price_proposal_saved_list": 'Tallennetut hintaehdotukset',
        "editor_new": '+ Uusi kirjaus',
        "editor_choose": 'Kirjaus',
        "editor_save": 'Tallenna',
        "editor_delete": 'Poista kirjaus',
        "editor_saved": 'Tallennettu (versio {version}).',
        "editor_deleted": 'Kirjaus poistettu.',
        "editor_reload": 'Hae uusin versio',
        "editor_stale": ('Muutosta EI tallennettu: {who} tallensi tämän kohdan {when} sen '
            'jälkeen, kun avasit sen (sinulla versio {mine}, nyt {now}). Hae '
            'uusin versio ja tee muutos uudelleen; kirjoittamasi teksti on alla '
            'ja muutoshistoriassa.'),
        "editor_no_user": 'Kirjoita nimesi sivupalkkiin (Nimi) ennen tallennusta.',
        "editor_edit": 'Muokkaa',
        "editor_empty": 'Ei kirjauksia.',
        "editor_typed": 'Kirjoittamasi tiedot',
        "editor_forbidden": ('Muutosta EI tallennettu: sinulla ei ole oikeutta muokata tämän '
            'asiakkaan hoitosuunnitelmaa.'),
        "editor_read_only": ('Vain luku: vain asiakkaan kumppanuuspäällikkö ja johtaja voivat '
            'muokata.'),
    },
    "en": {
        "auth_title": 'Asiakastieto – sign in',
        "auth_username": 'User name',
        "auth_password": 'Password',
        "auth_login": 'Sign in',
        "auth_logout": 'Sign out',
        "auth_bad_login": 'Wrong user name or password.',
        "auth_locked": ('Too many failed sign-ins: the account is locked for {minutes} '
            'minutes. Try later or contact the administrator.'),
        "auth_oidc_info": 'Sign in with your city account.',
        "auth_not_authorised": ('You are signed in ({email}) but have no access to '
                                'Asiakastieto. Ask '
            'the administrator to add you.'),
        "auth_signed_in": 'Signed in: **{name}** ({role})',
        "auth_demo_banner": ('Demo mode: no login, everyone is a director. The server listens on '
            'this machine only (localhost).'),
        "auth_demo_refused": ('Demo mode (no login) is allowed only when the server listens on '
            'localhost only; server.address is {address!r}. Configure logins '
            '(asiakastieto user add … or [auth] in secrets.toml) or use '
            '`asiakastieto serve`.'),
        "auth_demo_proxied": ('Demo mode (no login) is not allowed behind a reverse proxy: '
            'it would open the dashboard to everyone. Configure logins '
            '(asiakastieto user add … or [auth] in secrets.toml).'),
        "role_director": 'director',
        "role_manager": 'partnership manager',
        "role_viewer": 'viewer',
        "override_line": 'Line to override',
        "override_amount": 'New amount € / year',
        "override_why": 'Justification',
        "override_save": 'Save override',
        "override_saved": 'Override saved; the proposal updates within seconds.',
        "override_need_why": 'Write a justification.',
        "override_no_user": 'Type your name in the sidebar (Name) before saving.',
        "override_remove": 'Remove override',
        "override_removed": 'Override removed (history kept).',
        "override_none": 'No overrides.',
        "price_proposal_title": "Save as next year's price proposal",
        "price_proposal_name": 'Proposal name',
        "price_proposal_use": "Use in next year's budget proposal",
        "price_proposal_note": 'Note',
        "price_proposal_save": 'Save proposal',
        "price_proposal_saved": 'Price proposal saved; the budget proposal updates within seconds.',
        "price_proposal_no_user": 'Type your name in the sidebar (Name) before saving.',
        "price_proposal_saved_list": 'Saved price proposals',
        "editor_new": '+ New entry',
        "editor_choose": 'Entry',
        "editor_save": 'Save',
        "editor_delete": 'Delete entry',
        "editor_saved": 'Saved (version {version}).',
        "editor_deleted": 'Entry deleted.',
        "editor_reload": 'Load the latest version',
        "editor_stale": ('NOT saved: {who} saved this item at {when} after you opened it (you '
            'had version {mine}, now {now}). Load the latest version and redo '
            'the change; what you typed is below and in the change history.'),
        "editor_no_user": 'Type your name in the sidebar (Name) before saving.',
        "editor_edit": 'Edit',
        "editor_empty": 'No entries.',
        "editor_typed": 'What you typed',
        "editor_forbidden": "NOT saved: you may not edit this customer's care plan.",
        "editor_read_only": ("Read only: only the customer's partnership manager and directors "
            'can edit.'),
    },
}
