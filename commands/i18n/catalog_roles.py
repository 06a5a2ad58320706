"""Refusals that say who may do something, and the words for "nobody yet"."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "role.admins_only": {
        "en": "Only Corong admins can do that (workspace admins and owners, and anyone they "
        "name). Ask {admins}. Nothing was changed.",
        "id": "Hanya admin Corong yang bisa melakukan itu (admin dan pemilik workspace, serta "
        "yang mereka tunjuk). Minta ke {admins}. Tidak ada yang diubah.",
    },
    "role.deal_not_yours": {
        "en": "{ref} belongs to {owner}. Only they, their team's manager ({managers}) "
        "or an admin ({admins}) can see or change it. Nothing was changed.",
        "id": "{ref} milik {owner}. Hanya pemiliknya, manajer timnya ({managers}) atau "
        "admin ({admins}) yang bisa melihat atau mengubahnya. Tidak ada yang diubah.",
    },
    "role.rep_not_yours": {
        "en": "{rep}'s deals are for {rep}, their team's manager ({managers}) and admins "
        "({admins}) to see.",
        "id": "Deal milik {rep} hanya bisa dilihat oleh {rep}, manajer timnya ({managers}) "
        "dan admin ({admins}).",
    },
    "role.team_not_yours": {
        "en": "The {team} team's reports are for its managers ({managers}) and admins "
        "({admins}). Your own: `/pipeline`, `/funnel`.",
        "id": "Laporan tim {team} hanya untuk manajernya ({managers}) dan admin ({admins}). "
        "Milik Anda sendiri: `/pipeline`, `/funnel`.",
    },
    "role.all_admins_only": {
        "en": "Workspace-wide reports are for admins ({admins}). Managers read their teams' "
        "(`team`), reps their own.",
        "id": "Laporan seluruh workspace hanya untuk admin ({admins}). Manajer membaca laporan "
        "timnya (`tim`), rep laporannya sendiri.",
    },
    "role.no_admin": {
        "en": "a workspace admin or owner",
        "id": "admin atau pemilik workspace",
    },
    "role.no_manager": {
        "en": "no manager yet",
        "id": "belum ada manajer",
    },
    "people.nobody": {
        "en": "nobody yet",
        "id": "belum ada",
    },
    "channel.none": {
        "en": "no channel",
        "id": "tanpa kanal",
    },
    "role.assign_managers_only": {
        "en": "Only a team's manager ({managers}) or an admin ({admins}) can give a deal to "
        "someone else. Nothing was changed.",
        "id": "Hanya manajer tim ({managers}) atau admin ({admins}) yang bisa mengalihkan deal "
        "ke orang lain. Tidak ada yang diubah.",
    },
    "role.assign_outside_team": {
        "en": "{person} is not in a team you manage, so you can't give them this deal; an "
        "admin ({admins}) can. Nothing was changed.",
        "id": "{person} tidak ada di tim yang Anda kelola, jadi deal ini tidak bisa dialihkan "
        "kepadanya; admin ({admins}) bisa. Tidak ada yang diubah.",
    },
    "help.deal_assign": {
        "en": "Give a deal to another rep (managers and admins).",
        "id": "Alihkan deal ke rep lain (manajer dan admin).",
    },
    "deal.assign_usage": {
        "en": "Name the deal, then the rep to give it to.",
        "id": "Sebutkan deal-nya, lalu rep penerimanya.",
    },
    "deal.already_owner": {
        "en": "{ref} already belongs to {person}. Nothing was changed.",
        "id": "{ref} sudah milik {person}. Tidak ada yang diubah.",
    },
    "deal.assigned": {
        "en": "{ref} now belongs to {person} (was {previous}).",
        "id": "{ref} kini milik {person} (sebelumnya {previous}).",
    },
    "undo.deal.assign": {
        "en": "Undone: {ref} {name} is back with its previous owner.",
        "id": "Dibatalkan: {ref} {name} kembali ke pemilik sebelumnya.",
    },
    "guard.foreign_user": {
        "en": "Corong's buttons are for members of this workspace; nothing was changed.",
        "id": "Tombol Corong hanya untuk anggota workspace ini; tidak ada yang diubah.",
    },
}
