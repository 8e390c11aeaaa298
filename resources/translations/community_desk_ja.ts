<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AccountsScreen</name>
    <message>
        <source>&amp;Mastodon…</source>
        <translation>Mastodon(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Bluesky…</source>
        <translation>Bluesky(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;RSS/Atom Feed…</source>
        <translation>RSS/Atom フィード(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation>アカウントを追加(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation>再接続(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>削除(&amp;R)…</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>最終同期</translation>
    </message>
    <message>
        <source>Connected accounts</source>
        <translation>接続中のアカウント</translation>
    </message>
    <message>
        <source>Connect your shop&apos;s accounts</source>
        <translation>お店のアカウントを接続しましょう</translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation>アカウントを追加</translation>
    </message>
    <message>
        <source>Needs reconnecting</source>
        <translation>再接続が必要です</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>接続済み</translation>
    </message>
    <message>
        <source>Mastodon and Bluesky bring the posts that mention your shop or reply to it, and you answer them from here.

RSS/Atom feeds bring Google Alerts, blog comments and reviews to read and mark as done.

Passwords and tokens are kept in your system keyring, never in Community Desk&apos;s files.</source>
        <translation>Mastodon と Bluesky からは、お店に触れた投稿やお店への返信が届き、ここから返信できます。

RSS/Atom フィードからは Google アラートやブログのコメント、レビューが届き、読んで対応済みにできます。

パスワードやトークンはシステムのキーリングに保管し、Community Desk のファイルには保存しません。</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>まだ同期していません</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>たった今同期しました</translation>
    </message>
    <message>
        <source>Synced {time} ago</source>
        <translation>{time}前に同期</translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation>アカウントの削除</translation>
    </message>
    <message>
        <source>Remove {name} from Community Desk?</source>
        <translation>{name} を Community Desk から削除しますか？</translation>
    </message>
    <message>
        <source>Keep mentions: the account is disconnected and its sign-in is forgotten; the mentions already received stay in your inbox and reports.

Delete mentions too: the account and every mention received from it are deleted from this computer.

Nothing is deleted on the network itself.</source>
        <translation>「投稿を残す」: アカウントの接続を解除し、サインイン情報を破棄します。これまでに届いた投稿は受信箱とレポートに残ります。

「投稿も削除」: アカウントと、そこから届いたすべての投稿をこのコンピューターから削除します。

どちらの場合も、ネットワーク上のものは何も削除されません。</translation>
    </message>
    <message>
        <source>Keep Mentions</source>
        <translation>投稿を残す</translation>
    </message>
    <message>
        <source>Delete Mentions Too</source>
        <translation>投稿も削除</translation>
    </message>
</context>
<context>
    <name>AddAccountDialog</name>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
</context>
<context>
    <name>AddBlueskyDialog</name>
    <message>
        <source>Reconnect Bluesky Account</source>
        <translation>Bluesky アカウントの再接続</translation>
    </message>
    <message>
        <source>Add Bluesky Account</source>
        <translation>Bluesky アカウントの追加</translation>
    </message>
    <message>
        <source>Sign in with an app password, not your main password. Create one on bsky.app under Settings → Privacy and security → App passwords.</source>
        <translation>メインのパスワードではなく、アプリパスワードでサインインしてください。アプリパスワードは bsky.app の「設定」→「プライバシーとセキュリティ」→「アプリパスワード」で作成できます。</translation>
    </message>
    <message>
        <source>Handle:</source>
        <translation>ハンドル:</translation>
    </message>
    <message>
        <source>App password:</source>
        <translation>アプリパスワード:</translation>
    </message>
    <message>
        <source>This does not look like an app password (four groups of four letters or digits, like abcd-efgh-ijkl-mnop). Please use an app password, not your main password.</source>
        <translation>アプリパスワードの形式ではないようです(abcd-efgh-ijkl-mnop のように、英数字 4 文字が 4 組並んだものです)。メインのパスワードではなく、アプリパスワードをお使いください。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>詳細設定</translation>
    </message>
    <message>
        <source>Server (for self-hosted accounts):</source>
        <translation>サーバー(独自運用の場合):</translation>
    </message>
    <message>
        <source>Leave empty for accounts on bsky.social.</source>
        <translation>bsky.social のアカウントでは空欄のままにしてください。</translation>
    </message>
    <message>
        <source>Signing in to Bluesky…</source>
        <translation>Bluesky にサインインしています…</translation>
    </message>
</context>
<context>
    <name>AddFeedDialog</name>
    <message>
        <source>Check Feed Again</source>
        <translation>フィードの再確認</translation>
    </message>
    <message>
        <source>Add RSS/Atom Feed</source>
        <translation>RSS/Atom フィードの追加</translation>
    </message>
    <message>
        <source>New items from a feed land in your inbox: Google Alerts, comments on your blog, review sites. Paste the feed&apos;s address, or the address of a page that links to it.</source>
        <translation>フィードの新着は受信箱に届きます。Google アラート、ブログのコメント、レビューサイトなどに使えます。フィードのアドレスか、フィードへのリンクがあるページのアドレスを貼り付けてください。</translation>
    </message>
    <message>
        <source>Feed address:</source>
        <translation>フィードのアドレス:</translation>
    </message>
    <message>
        <source>The feed&apos;s own title</source>
        <translation>フィード自体のタイトル</translation>
    </message>
    <message>
        <source>Name (optional):</source>
        <translation>名前(省略可):</translation>
    </message>
    <message>
        <source>This is a web page. It links to these feeds:</source>
        <translation>これはウェブページです。次のフィードへのリンクがあります:</translation>
    </message>
    <message>
        <source>Add Feed</source>
        <translation>フィードを追加</translation>
    </message>
    <message>
        <source>Checking the feed…</source>
        <translation>フィードを確認しています…</translation>
    </message>
    <message>
        <source>Add Selected Feed</source>
        <translation>選んだフィードを追加</translation>
    </message>
</context>
<context>
    <name>AddMastodonDialog</name>
    <message>
        <source>Reconnect Mastodon Account</source>
        <translation>Mastodon アカウントの再接続</translation>
    </message>
    <message>
        <source>Add Mastodon Account</source>
        <translation>Mastodon アカウントの追加</translation>
    </message>
    <message>
        <source>Community Desk opens your server&apos;s page in your browser, where you sign in and approve access. Your password is never typed here.</source>
        <translation>Community Desk がブラウザーでサーバーのページを開きます。そこでサインインして、アクセスを承認してください。パスワードをここに入力することはありません。</translation>
    </message>
    <message>
        <source>mastodon.social or @shop@example.social</source>
        <translation>mastodon.social または @shop@example.social</translation>
    </message>
    <message>
        <source>Your server or handle:</source>
        <translation>サーバーまたはハンドル:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>アクセストークン:</translation>
    </message>
    <message>
        <source>Create a token on your server under Preferences → Development → New application (with read and write access), then paste “Your access token” here.</source>
        <translation>サーバーの「ユーザー設定」→「開発」→「新規アプリ」でトークンを作成し(読み取りと書き込みの権限を付けてください)、「アクセストークン」の値をここに貼り付けてください。</translation>
    </message>
    <message>
        <source>Approve in the browser instead</source>
        <translation>代わりにブラウザーで承認する</translation>
    </message>
    <message>
        <source>Use an access token instead</source>
        <translation>代わりにアクセストークンを使う</translation>
    </message>
    <message>
        <source>Checking the access token…</source>
        <translation>アクセストークンを確認しています…</translation>
    </message>
    <message>
        <source>Waiting for you to approve Community Desk in your browser…</source>
        <translation>ブラウザーで Community Desk が承認されるのを待っています…</translation>
    </message>
    <message>
        <source>Your browser did not open. Copy this address into it to approve access:
{url}</source>
        <translation>ブラウザーが開きませんでした。次のアドレスをブラウザーに貼り付けて、アクセスを承認してください:
{url}</translation>
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
    <message>
        <source>The demo could not be started.</source>
        <translation>デモを起動できませんでした。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Community Desk cannot write to its data folder {path}. Choose a folder you can write to with --data-dir, or fix the folder&apos;s permissions.</source>
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
    <message>
        <source>There is no account with the number {id}: see `accounts list`.</source>
        <translation>番号 {id} のアカウントはありません(`accounts list` で確認できます)。</translation>
    </message>
    <message>
        <source>Could not reach {server}. Check the address and your connection.</source>
        <translation>{server} に接続できませんでした。アドレスとネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>Could not reach the server. Check the address and your connection.</source>
        <translation>サーバーに接続できませんでした。アドレスとネットワーク接続を確認してください。</translation>
    </message>
    <message>
        <source>Community Desk only connects over https.</source>
        <translation>Community Desk は https でのみ接続します。</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in. Connect the account again to continue.</source>
        <translation>サーバーがこのサインインを受け付けなくなりました。続けるには、アカウントをもう一度接続してください。</translation>
    </message>
    <message>
        <source>The server asks Community Desk to slow down. Try again in {wait}.</source>
        <translation>サーバーからアクセスを控えるよう求められています。{wait}後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server asks Community Desk to slow down. Try again in a few minutes.</source>
        <translation>サーバーからアクセスを控えるよう求められています。数分後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>Nothing was found at that address. Check it and try again.</source>
        <translation>そのアドレスには何も見つかりませんでした。アドレスを確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The server refused the request. Check what you entered and try again.</source>
        <translation>サーバーが要求を拒否しました。入力内容を確認して、もう一度お試しください。</translation>
    </message>
    <message>
        <source>{server} has a problem of its own right now. Try again later.</source>
        <translation>{server} 側で現在問題が起きています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server has a problem of its own right now. Try again later.</source>
        <translation>サーバー側で現在問題が起きています。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be understood. Check that the address is right.</source>
        <translation>サーバーからの応答を読み取れませんでした。アドレスが正しいか確認してください。</translation>
    </message>
    <message>
        <source>This account&apos;s network does not offer that.</source>
        <translation>このアカウントのネットワークでは、その操作はできません。</translation>
    </message>
    <message>
        <source>The connection failed. Try again in a moment.</source>
        <translation>接続に失敗しました。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The server did not accept this access token. Check that it was copied whole, with read and write access.</source>
        <translation>サーバーがこのアクセストークンを受け付けませんでした。トークン全体がコピーされているか、読み取りと書き込みの権限があるかを確認してください。</translation>
    </message>
    <message>
        <source>That is not a server address. Type it like mastodon.social or @shop@example.social.</source>
        <translation>サーバーのアドレスではありません。mastodon.social や @shop@example.social のように入力してください。</translation>
    </message>
    <message>
        <source>No feed was found at this address. If it is a web page, look on the site for an RSS or Atom link and use that address.</source>
        <translation>このアドレスにはフィードが見つかりませんでした。ウェブページの場合は、サイト内の RSS や Atom のリンクを探して、そのアドレスを使ってください。</translation>
    </message>
    <message>
        <source>Access was not approved in the browser, so nothing was connected.</source>
        <translation>ブラウザーでアクセスが承認されなかったため、何も接続していません。</translation>
    </message>
    <message>
        <source>The approval in the browser did not arrive in time. Try again.</source>
        <translation>ブラウザーでの承認が時間内に届きませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Connecting was cancelled; nothing was connected.</source>
        <translation>接続を取り消しました。何も接続していません。</translation>
    </message>
    <message>
        <source>The browser&apos;s answer did not belong to this request, so it was ignored. Try again.</source>
        <translation>ブラウザーからの応答がこの要求に対するものではなかったため、無視しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The handle or app password is not right.</source>
        <translation>ハンドルまたはアプリパスワードが正しくありません。</translation>
    </message>
    <message>
        <source>This account asks for an email code; use an app password instead.</source>
        <translation>このアカウントではメールの確認コードが求められます。代わりにアプリパスワードをお使いください。</translation>
    </message>
    <message>
        <source>No account has this handle. Check how it is spelled.</source>
        <translation>このハンドルのアカウントは見つかりません。綴りを確認してください。</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in code. Try connecting again.</source>
        <translation>サーバーがサインインのコードを受け付けませんでした。もう一度接続してください。</translation>
    </message>
    <message>
        <source>The server no longer recognises Community Desk. Try connecting again; it will register anew.</source>
        <translation>サーバーが Community Desk を認識しなくなりました。もう一度接続すると、改めて登録されます。</translation>
    </message>
    <message>
        <source>The sign-in for this account is missing from the system keyring. Reconnect the account.</source>
        <translation>このアカウントのサインイン情報がシステムのキーリングにありません。アカウントを再接続してください。</translation>
    </message>
    <message>
        <source>The server reported a problem with the sign-in. Try again later.</source>
        <translation>サーバーからサインインの問題が報告されました。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>This account has been suspended by its server, so it cannot connect.</source>
        <translation>このアカウントはサーバーによって停止されているため、接続できません。</translation>
    </message>
    <message>
        <source>The server did not accept these sign-in details. Check them and try again.</source>
        <translation>サーバーがこのサインイン情報を受け付けませんでした。内容を確認して、もう一度お試しください。</translation>
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
        <source>Saved replies will be listed here, ready to fill in with the customer&apos;s name and your shop&apos;s contact details.</source>
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
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Community Desk</source>
        <translation>Community Desk へようこそ</translation>
    </message>
    <message>
        <source>Welcome!</source>
        <translation>ようこそ！</translation>
    </message>
    <message>
        <source>Community Desk gathers what customers say about your shop on Mastodon, Bluesky and the web into one inbox, so no question or complaint is left waiting.</source>
        <translation>Community Desk は、Mastodon や Bluesky、ウェブでお客様がお店について話していることを一つの受信箱にまとめます。質問や苦情を待たせたままにすることがなくなります。</translation>
    </message>
    <message>
        <source>First, a few details about your shop. Saved replies fill them in, so customers always know how to reach you one to one. You can change them later in Settings.</source>
        <translation>まず、お店の情報を教えてください。返信テンプレートにこの情報が入るので、お客様はいつでも個別にお店へ連絡できます。あとから「設定」で変更できます。</translation>
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
        <source>Connect an Account</source>
        <translation>アカウントを接続</translation>
    </message>
    <message>
        <source>Try the Demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>あとで</translation>
    </message>
    <message>
        <source>Opens a second window with sample mentions to try things out; your own workspace is not touched.</source>
        <translation>サンプルの投稿が入った別のウィンドウを開いて、操作を試せます。お店のワークスペースには影響しません。</translation>
    </message>
</context>
</TS>
