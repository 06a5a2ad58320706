"""``/sales team`` and ``/sales admin``: teams, their channels and schedules, and named admins."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help.sales_team": {
        "en": "Teams: create one and add reps, set its channel, managers, schedule, deal "
        "alerts and forecast call (`/sales team` lists them).",
        "id": "Tim: buat tim dan tambahkan rep, atur kanal, manajer, jadwal, peringatan "
        "deal dan proyeksinya (`/sales team` menampilkan semuanya).",
    },
    "help.sales_admin": {
        "en": "Corong admins besides Slack's admins and owners: `add @x`, `remove @x`.",
        "id": "Admin Corong selain admin dan pemilik Slack: `tambah @x`, `hapus @x`.",
    },
    "team.usage": {
        "en": "Say what to do with the team: `list`, `show`, `add`, `remove`, or the team's "
        "name followed by `channel`, `manager`, `schedule`, `alerts`, `forecast` or "
        "`leaderboard`.",
        "id": "Sebutkan apa yang dilakukan: `daftar`, `lihat`, `tambah`, `hapus`, atau nama tim "
        "lalu `kanal`, `manajer`, `jadwal`, `peringatan`, `proyeksi` atau `peringkat`.",
    },
    "team.none_yet": {
        "en": "No teams yet. An admin creates one with `{example}`.",
        "id": "Belum ada tim. Admin bisa membuatnya dengan `{example}`.",
    },
    "team.list": {
        "en": "*Teams* ({count})",
        "id": "*Tim* ({count})",
    },
    "team.shown": {
        "en": "*Team {team}*",
        "id": "*Tim {team}*",
    },
    "team.created": {
        "en": "Team *{team}* created. Next: its channel and manager, e.g. "
        "`/sales team {team} channel #sales` and `/sales team {team} manager @rina`.",
        "id": "Tim *{team}* dibuat. Berikutnya: kanal dan manajernya, mis. "
        "`/sales team {team} kanal #sales` dan `/sales team {team} manajer @rina`.",
    },
    "team.reps_added": {
        "en": "Added {people} to *{team}*.",
        "id": "{people} ditambahkan ke *{team}*.",
    },
    "team.already_in": {
        "en": "Everyone named is already in *{team}*; nothing changed.",
        "id": "Semua yang disebut sudah ada di *{team}*; tidak ada yang berubah.",
    },
    "team.exists": {
        "en": "There is already a team called *{team}*. To add reps to it, mention them after "
        "its name.",
        "id": "Sudah ada tim bernama *{team}*. Untuk menambahkan rep, sebut mereka setelah "
        "nama timnya.",
    },
    "team.already_manager": {
        "en": "{person} manages *{team}*, so they can't also be one of its reps. Nothing was "
        "changed.",
        "id": "{person} adalah manajer *{team}*, jadi tidak bisa sekaligus menjadi repnya. "
        "Tidak ada yang diubah.",
    },
    "team.already_rep": {
        "en": "{person} is a rep of *{team}*; take them out of it first to make them its "
        "manager. Nothing was changed.",
        "id": "{person} adalah rep di *{team}*; keluarkan dulu dari tim itu untuk menjadikannya "
        "manajer. Tidak ada yang diubah.",
    },
    "team.rep_elsewhere": {
        "en": "{person} is already a rep of *{team}*, and a rep belongs to one team. Take them "
        "out of it first. Nothing was changed.",
        "id": "{person} sudah menjadi rep di *{team}*, dan seorang rep hanya di satu tim. "
        "Keluarkan dulu dari tim itu. Tidak ada yang diubah.",
    },
    "team.deleted": {
        "en": "Team *{team}* deleted. Its reps keep their deals.",
        "id": "Tim *{team}* dihapus. Para repnya tetap memegang deal mereka.",
    },
    "team.not_member": {
        "en": "{person} is not in *{team}*. Nothing was changed.",
        "id": "{person} tidak ada di *{team}*. Tidak ada yang diubah.",
    },
    "team.removed": {
        "en": "Took {people} out of *{team}*.",
        "id": "{people} dikeluarkan dari *{team}*.",
    },
    "team.channel_usage": {
        "en": "Name one channel for *{team}* (type `#` and pick it), or `none` to stop its posts.",
        "id": "Sebutkan satu kanal untuk *{team}* (ketik `#` lalu pilih), atau `tidak` untuk "
        "menghentikan postingnya.",
    },
    "team.channel_set": {
        "en": "*{team}* now gets its standup and weekly digest in {channel}.",
        "id": "*{team}* kini menerima standup dan ringkasan mingguan di {channel}.",
    },
    "team.channel_cleared": {
        "en": "*{team}* has no channel now: its standup and digest are not posted.",
        "id": "*{team}* kini tanpa kanal: standup dan ringkasannya tidak diposting.",
    },
    "team.manager_usage": {
        "en": "Mention the manager(s) of *{team}*, e.g. `@rina`.",
        "id": "Sebut manajer *{team}*, mis. `@rina`.",
    },
    "team.managers_added": {
        "en": "{people} can now manage *{team}*: read its reports and act on its reps' deals.",
        "id": "{people} kini mengelola *{team}*: bisa membaca laporannya dan menangani deal "
        "para repnya.",
    },
    "team.schedule_usage": {
        "en": "\u201c{text}\u201d is not a schedule setting. Use `standup:HH:MM`, "
        '`digest:"<day> HH:MM"` and `tz:<Area/City>`.',
        "id": "\u201c{text}\u201d bukan pengaturan jadwal. Pakai `jam:HH:MM` (standup), "
        '`ringkasan:"<hari> HH:MM"` dan `zona:<Area/Kota>`.',
    },
    "team.schedule_set": {
        "en": "Schedule of *{team}* saved; it applies from the next post.",
        "id": "Jadwal *{team}* disimpan; berlaku mulai posting berikutnya.",
    },
    "team.name_missing": {
        "en": "Which team? Give its name.",
        "id": "Tim yang mana? Sebutkan namanya.",
    },
    "team.none_to_find": {
        "en": "There is no team *{team}*: there are no teams yet.",
        "id": "Tidak ada tim *{team}*: belum ada tim sama sekali.",
    },
    "team.which": {
        "en": "Which team? Name it before the people to add. Teams: {teams}.",
        "id": "Tim yang mana? Sebutkan namanya sebelum orang yang ditambahkan. Tim: {teams}.",
    },
    "team.name_reserved": {
        "en": "\u201c{team}\u201d is a word `/sales team` uses; pick another team name.",
        "id": "\u201c{team}\u201d dipakai oleh `/sales team`; pilih nama tim lain.",
    },
    "team.bad_time_standup": {
        "en": "\u201c{text}\u201d is not a time for the standup: use 24-hour HH:MM, like 09:30.",
        "id": "\u201c{text}\u201d bukan jam untuk standup: pakai format 24 jam HH:MM, mis. 09:30.",
    },
    "team.bad_time_digest": {
        "en": "\u201c{text}\u201d is not a time for the digest: use 24-hour HH:MM, like 08:00.",
        "id": "\u201c{text}\u201d bukan jam untuk ringkasan: pakai format 24 jam HH:MM, mis. "
        "08:00.",
    },
    "team.bad_digest": {
        "en": "\u201c{text}\u201d is not a digest time: give a day and a time, like "
        '`digest:"mon 08:00"`.',
        "id": "\u201c{text}\u201d bukan waktu ringkasan: sebutkan hari dan jam, mis. "
        '`ringkasan:"senin 08:00"`.',
    },
    "team.bad_zone": {
        "en": "\u201c{text}\u201d is not a time zone: use a name like Asia/Jakarta or "
        "Asia/Makassar.",
        "id": "\u201c{text}\u201d bukan zona waktu: pakai nama seperti Asia/Jakarta atau "
        "Asia/Makassar.",
    },
    "team.more": {"en": "… and {count} more teams", "id": "… dan {count} tim lainnya"},
    "team.card_channel": {"en": "Channel", "id": "Kanal"},
    "team.card_managers": {"en": "Managers", "id": "Manajer"},
    "team.card_reps": {"en": "Reps", "id": "Rep"},
    "team.card_schedule": {"en": "Schedule", "id": "Jadwal"},
    "team.card_schedule_value": {
        "en": "standup {standup} · digest {day} {digest} · {tz}",
        "id": "standup {standup} · ringkasan {day} {digest} · {tz}",
    },
    "team.bot_not_in_channel": {
        "en": "Corong is not in {channel} yet, so the team's posts can't go there. Open that "
        "channel and type `/invite @Corong`.",
        "id": "Corong belum ada di {channel}, jadi posting tim tidak bisa dikirim ke sana. Buka "
        "kanal itu lalu ketik `/invite @Corong`.",
    },
    "team.channel_shared_outside": {
        "en": "Heads up: {channel} is shared with another organisation, and *{team}*'s standups "
        "and digests name its deals and reps. Pick an internal channel unless that is meant.",
        "id": "Perhatian: {channel} dibagikan dengan organisasi lain, sedangkan standup dan "
        "ringkasan *{team}* menyebut deal dan rep-nya. Pilih kanal internal kecuali memang "
        "disengaja.",
    },
    "team.channel_unreachable": {
        "en": "Corong can't see {channel}: if it is private, open it and type "
        "`/invite @Corong`; if it was deleted or archived, set another with `/sales team "
        "{team} channel #...`.",
        "id": "Corong tidak bisa melihat {channel}: jika kanal itu privat, buka lalu ketik "
        "`/invite @Corong`; jika sudah dihapus atau diarsipkan, atur kanal lain dengan "
        "`/sales team {team} kanal #...`.",
    },
    "admin.list": {
        "en": "*Corong admins*",
        "id": "*Admin Corong*",
    },
    "admin.added": {
        "en": "{people} can now change Corong's settings and teams.",
        "id": "{people} kini bisa mengubah pengaturan dan tim Corong.",
    },
    "admin.removed": {
        "en": "{people} can no longer change Corong's settings and teams.",
        "id": "{people} tidak lagi bisa mengubah pengaturan dan tim Corong.",
    },
    "admin.who": {
        "en": "Mention the people to name, like `@rina`.",
        "id": "Sebut orangnya, mis. `@rina`.",
    },
    "undo.team_change": {
        "en": "Your last change was to a team or to the admins; change it back with the same "
        "command (`/sales team`, `/sales admin`). Nothing was undone.",
        "id": "Perubahan terakhir Anda adalah pada tim atau admin; kembalikan dengan perintah "
        "yang sama (`/sales team`, `/sales admin`). Tidak ada yang dibatalkan.",
    },
    "admin.usage": {
        "en": "\u201c{text}\u201d: say `add` or `remove`, then mention people.",
        "id": "\u201c{text}\u201d: tulis `tambah` atau `hapus`, lalu sebut orangnya.",
    },
    "admin.is_slack_admin": {
        "en": "{person} is an admin or owner of this Slack workspace, and so always a Corong "
        "admin. Nothing was changed.",
        "id": "{person} adalah admin atau pemilik workspace Slack ini, jadi selalu admin "
        "Corong. Tidak ada yang diubah.",
    },
    "admin.not_named": {
        "en": "{person} was not named a Corong admin. Nothing was changed.",
        "id": "{person} tidak ditunjuk sebagai admin Corong. Tidak ada yang diubah.",
    },
    "admin.not_yourself": {
        "en": "Admins name other people; you can't name yourself. Nothing was changed.",
        "id": "Admin menunjuk orang lain; Anda tidak bisa menunjuk diri sendiri. Tidak ada yang "
        "diubah.",
    },
    "admin.slack_admins": {"en": "Slack admins and owners", "id": "Admin dan pemilik Slack"},
    "admin.named_admins": {"en": "Named in Corong", "id": "Ditunjuk di Corong"},
}
