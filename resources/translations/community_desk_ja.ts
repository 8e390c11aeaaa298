<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
    <context>
        <name>AccountsScreen</name>
        <message>
            <source>No accounts connected</source>
            <translation>接続しているアカウントはありません</translation>
        </message>
        <message>
            <source>Your shop's Mastodon, Bluesky and RSS/Atom feed accounts will be listed here. Their passwords and tokens are kept in your system keyring, never in Community Desk's files.</source>
            <translation>お店の Mastodon・Bluesky・RSS/Atom フィードのアカウントがここに並びます。パスワードやトークンはシステムのキーリングに保管し、Community Desk のファイルには保存しません。</translation>
        </message>
        <message>
            <source>Your connected accounts</source>
            <translation>接続中のアカウント</translation>
        </message>
    </context>
    <context>
        <name>CalendarScreen</name>
        <message>
            <source>No planned posts yet</source>
            <translation>予定している投稿はまだありません</translation>
        </message>
        <message>
            <source>Posts you plan will sit here on a month and week calendar and go out on time.</source>
            <translation>予定した投稿は月表示・週表示のカレンダーに並び、時間どおりに投稿されます。</translation>
        </message>
    </context>
    <context>
        <name>InboxModel</name>
        <message>
            <source>From</source>
            <translation>送信者</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>メッセージ</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>待ち時間</translation>
        </message>
        <message>
            <source>answered in {time}</source>
            <translation>{time}で返信済み</translation>
        </message>
    </context>
    <context>
        <name>InboxScreen</name>
        <message>
            <source>Waiting</source>
            <translation>返信待ち</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>対応済み</translation>
        </message>
        <message>
            <source>Archived</source>
            <translation>アーカイブ</translation>
        </message>
        <message>
            <source>All</source>
            <translation>すべて</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>表示:</translation>
        </message>
        <message>
            <source>Nothing here yet</source>
            <translation>まだ何もありません</translation>
        </message>
        <message>
            <source>Mentions you mark as done will be listed here.</source>
            <translation>対応済みにした投稿がここに並びます。</translation>
        </message>
        <message>
            <source>Mentions you archive will be listed here.</source>
            <translation>アーカイブした投稿がここに並びます。</translation>
        </message>
        <message>
            <source>Nothing is waiting</source>
            <translation>返信待ちはありません</translation>
        </message>
        <message>
            <source>Mentions of your shop from Mastodon, Bluesky and your feeds will land here, complaints first. Connect your accounts on the Accounts screen to start.</source>
            <translation>Mastodon・Bluesky・フィードでお店に寄せられた声がここに届きます。苦情がいちばん上です。「アカウント」画面でアカウントを接続して始めましょう。</translation>
        </message>
        <message>
            <source>New mentions will appear here after the next check, complaints first.</source>
            <translation>次の確認で届いた新着がここに並びます。苦情がいちばん上です。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Community Desk — Demo</source>
            <translation>Community Desk — デモ</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>画面</translation>
        </message>
        <message>
            <source>Inbox</source>
            <translation>受信箱</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>カレンダー</translation>
        </message>
        <message>
            <source>Templates</source>
            <translation>テンプレート</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>レポート</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>アカウント</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>設定</translation>
        </message>
        <message>
            <source>Demo workspace: sample data, thrown away on exit</source>
            <translation>デモ用ワークスペース: サンプルデータです。終了すると破棄されます</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Sync Now</source>
            <translation>今すぐ同期(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>移動(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>ヘルプ(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About Community Desk</source>
            <translation>Community Desk について(&amp;A)</translation>
        </message>
        <message>
            <source>About Community Desk</source>
            <translation>Community Desk について</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Community Desk {version}&lt;/h3&gt;&lt;p&gt;One inbox for everything customers say about your shop on social media, with saved replies, a post calendar and a weekly summary.&lt;/p&gt;&lt;p&gt;Your data stays on this computer, in {folder}.&lt;/p&gt;&lt;p&gt;MIT License.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Community Desk {version}&lt;/h3&gt;&lt;p&gt;SNS でお客様がお店について話していることを一つの受信箱に集め、返信テンプレート、投稿カレンダー、週次サマリーで対応を助けます。&lt;/p&gt;&lt;p&gt;データはこのコンピューターの {folder} に保存され、外部には送られません。&lt;/p&gt;&lt;p&gt;MIT ライセンス。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>No accounts connected yet</source>
            <translation>アカウントがまだ接続されていません</translation>
        </message>
        <message>
            <source>1 account connected, not synced yet</source>
            <translation>1 件のアカウントを接続済み、まだ同期していません</translation>
        </message>
        <message numerus="yes">
            <source>%n accounts connected, not synced yet</source>
            <translation>
                <numerusform>%n 件のアカウントを接続済み、まだ同期していません</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Community Desk cannot write to its data folder {path}. Choose a folder you can write to with --data-dir, or fix the folder's permissions.</source>
            <translation>Community Desk はデータフォルダー {path} に書き込めません。--data-dir で書き込めるフォルダーを指定するか、フォルダーのアクセス権を直してください。</translation>
        </message>
        <message>
            <source>The database {path} was saved by a newer version of Community Desk. Install the newer version to open it; this version leaves the file untouched.</source>
            <translation>データベース {path} は新しいバージョンの Community Desk で保存されています。開くには新しいバージョンをインストールしてください。このバージョンはファイルに手を加えません。</translation>
        </message>
        <message>
            <source>The database {path} is damaged and cannot be opened. You can restore the latest daily backup; the damaged file is kept beside it.</source>
            <translation>データベース {path} が壊れているため開けません。最新の日次バックアップから復元できます。壊れたファイルはその横に残します。</translation>
        </message>
        <message>
            <source>The database {path} is damaged and cannot be opened, and there is no backup to restore. The file has not been changed; move it away to start a new workspace.</source>
            <translation>データベース {path} が壊れているため開けません。復元できるバックアップもありません。ファイルは変更していません。新しいワークスペースで始めるには、このファイルを別の場所に移してください。</translation>
        </message>
        <message>
            <source>No system keyring is available to store passwords safely: install and start {hint}, then try again.</source>
            <translation>システムのキーリングが使えずパスワードを安全に保存できないため、{hint} をインストールして起動してから、もう一度お試しください。</translation>
        </message>
        <message>
            <source>No system keyring is available, so passwords cannot be stored safely.</source>
            <translation>システムのキーリングが使えないため、パスワードを安全に保存できません。</translation>
        </message>
        <message>
            <source>The system keyring is locked. Unlock it, then try again.</source>
            <translation>システムのキーリングがロックされています。ロックを解除してから、もう一度お試しください。</translation>
        </message>
        <message>
            <source>The system keyring refused the request. Try again; if it keeps failing, restart your keyring service.</source>
            <translation>システムのキーリングが要求を拒否しました。もう一度お試しください。繰り返し失敗する場合は、キーリングのサービスを再起動してください。</translation>
        </message>
        <message>
            <source>Restored the backup {name}. The damaged file was kept beside it.</source>
            <translation>バックアップ {name} を復元しました。壊れたファイルはその横に残してあります。</translation>
        </message>
        <message>
            <source>The database {path} is not damaged, so no backup was restored.</source>
            <translation>データベース {path} は壊れていないため、バックアップは復元しませんでした。</translation>
        </message>
        <message>
            <source>There is no sound backup to restore.</source>
            <translation>復元できる正常なバックアップがありません。</translation>
        </message>
        <message>
            <source>Something went wrong. Your data is safe; the details are in the log file.</source>
            <translation>問題が発生しました。データは無事です。詳しくはログファイルをご覧ください。</translation>
        </message>
    </context>
    <context>
        <name>ReportsScreen</name>
        <message>
            <source>No weekly summary yet</source>
            <translation>週次サマリーはまだありません</translation>
        </message>
        <message>
            <source>A summary of each week — mentions, response times, complaints answered — will appear here, ready to export as PDF and CSV.</source>
            <translation>毎週のまとめ(寄せられた声、返信までの時間、対応した苦情)がここに表示され、PDF や CSV に書き出せます。</translation>
        </message>
    </context>
    <context>
        <name>SettingsScreen</name>
        <message>
            <source>Your shop</source>
            <translation>お店の情報</translation>
        </message>
        <message>
            <source>Shop name:</source>
            <translation>店名:</translation>
        </message>
        <message>
            <source>Contact email:</source>
            <translation>連絡先メール:</translation>
        </message>
        <message>
            <source>Contact phone:</source>
            <translation>連絡先電話番号:</translation>
        </message>
        <message>
            <source>Staff name for sign-offs:</source>
            <translation>署名に使う担当者名:</translation>
        </message>
        <message>
            <source>Saved replies fill these in, so customers always know how to reach you one to one.</source>
            <translation>返信テンプレートにこの情報が入るので、お客様はいつでも個別にお店へ連絡できます。</translation>
        </message>
        <message>
            <source>Inbox</source>
            <translation>受信箱</translation>
        </message>
        <message>
            <source> hours</source>
            <translation> 時間</translation>
        </message>
        <message>
            <source> hour</source>
            <translation> 時間</translation>
        </message>
        <message>
            <source> minutes</source>
            <translation> 分</translation>
        </message>
        <message>
            <source> minute</source>
            <translation> 分</translation>
        </message>
        <message>
            <source>A mention is overdue after:</source>
            <translation>返信が遅れているとみなすまで:</translation>
        </message>
        <message>
            <source>Check for new mentions every:</source>
            <translation>新着の確認間隔:</translation>
        </message>
        <message>
            <source>Application</source>
            <translation>アプリケーション</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>システムの設定に従う</translation>
        </message>
        <message>
            <source>Keep running in the tray when the window is closed</source>
            <translation>ウィンドウを閉じてもトレイで動作を続ける</translation>
        </message>
        <message>
            <source>This desktop has no system tray.</source>
            <translation>このデスクトップにはシステムトレイがありません。</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>言語:</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Restore Latest Backup</source>
            <translation>最新のバックアップを復元</translation>
        </message>
    </context>
    <context>
        <name>TemplatesScreen</name>
        <message>
            <source>No saved replies yet</source>
            <translation>返信テンプレートはまだありません</translation>
        </message>
        <message>
            <source>Saved replies will be listed here, ready to fill in with the customer's name and your shop's contact details.</source>
            <translation>返信テンプレートがここに並びます。お客様の名前やお店の連絡先を差し込んで使えます。</translation>
        </message>
    </context>
    <context>
        <name>TimeWords</name>
        <message>
            <source>{n} min</source>
            <translation>{n}分</translation>
        </message>
        <message>
            <source>{n} h</source>
            <translation>{n}時間</translation>
        </message>
        <message>
            <source>{n} d</source>
            <translation>{n}日</translation>
        </message>
        <message>
            <source>{n} wk</source>
            <translation>{n}週間</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Show Community Desk</source>
            <translation>Community Desk を表示</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>終了</translation>
        </message>
        <message>
            <source>Community Desk: 1 mention waiting</source>
            <translation>Community Desk: 返信待ち 1 件</translation>
        </message>
        <message numerus="yes">
            <source>Community Desk: %n mentions waiting</source>
            <translation>
                <numerusform>Community Desk: 返信待ち %n 件</numerusform>
            </translation>
        </message>
    </context>
</TS>
