<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IssueSetupDialog</name>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="32"/>
        <source>Issue a setup package</source>
        <translation>下发配置包</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="37"/>
        <source>Write a setup package for a township: it then trusts this office, and this office accepts its bundles. The township brings its key file (identity-….json) on a USB stick: its Sync page writes it there (Write key file…).</source>
        <translation>为乡镇写出配置包：乡镇导入后信任本单位，本单位也从此接收该乡镇的同步文件。请乡镇在其“同步”页点“把密钥文件写到U盘”，用 U 盘带来密钥文件（identity-….json）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="47"/>
        <source>Township:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="50"/>
        <source>Choose key file…</source>
        <translation>选择密钥文件…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="55"/>
        <source>Township&apos;s key:</source>
        <translation>乡镇的密钥：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="56"/>
        <source>No key chosen yet.</source>
        <translation>尚未选择密钥。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="61"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="66"/>
        <source>Write to (USB stick):</source>
        <translation>写到（U 盘）：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="70"/>
        <source>Key id of this office, to read out over the phone when the township imports the package:</source>
        <translation>本单位的密钥编号（乡镇导入配置包时，请在电话中念给对方核对）：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="84"/>
        <source>&amp;Write package</source>
        <translation>写出配置包(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="93"/>
        <source>The township&apos;s key file</source>
        <translation>乡镇的密钥文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="93"/>
        <source>Key files (identity.json *.json)</source>
        <translation>密钥文件 (identity.json *.json)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="110"/>
        <source>%1, key id %2</source>
        <translation>%1，密钥编号 %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="115"/>
        <source>Write the package to</source>
        <translation>配置包写到</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="125"/>
        <source>Choose the township.</source>
        <translation>请选择乡镇。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="127"/>
        <source>Choose the township&apos;s key file.</source>
        <translation>请选择乡镇的密钥文件。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="129"/>
        <source>Choose where to write the package.</source>
        <translation>请选择配置包写到哪里。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="145"/>
        <source>Setup package for %1 written to %2.</source>
        <translation>已为%1写出配置包：%2。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/issue_dialog.py" line="149"/>
        <source>Read this office&apos;s key id to the township over the phone: %1</source>
        <translation>请在电话中把本单位的密钥编号念给乡镇核对：%1</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/sync/steps.py" line="26"/>
        <source>Merge the townships&apos; bundles as they come and write a receipt for each; regularly write a bundle for the province and import its receipt.</source>
        <translation>乡镇报送的同步文件随到随合并，并为每份写出回执；定期写出同步文件报送省级，并导入省级回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/steps.py" line="13"/>
        <source>Step 1: create this computer&apos;s keys (once per computer).</source>
        <translation>第一步：创建本机密钥（每台电脑只需一次）。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/steps.py" line="17"/>
        <source>Step 2: write this computer's key file to a USB stick for the level above (Write key file…); it sends back a setup package (a .fpas file): import it here.</source>
        <translation>第二步：点“把密钥文件写到U盘”，把U盘交给上级；上级据此下发配置包（.fpas 文件），再在这里导入。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/steps.py" line="22"/>
        <source>The setup package names nobody to send to: ask the level above for a new one.</source>
        <translation>配置包中没有接收方：请向上级索取新的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/steps.py" line="32"/>
        <source>Regularly (each week or month): write a bundle to a USB stick and take it to the level above; import the receipt it gives back.</source>
        <translation>定期（每周或每月）：写出同步文件到 U 盘交给上级；上级返回回执后导入回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/steps.py" line="37"/>
        <source>Merge the bundles the counties send, then write a receipt for each.</source>
        <translation>合并各县报送的同步文件，再为每份写出回执。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="39"/>
        <location filename="../../ui/sync/page.py" line="179"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="43"/>
        <source>This installation</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="47"/>
        <location filename="../../ui/sync/tables.py" line="77"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="48"/>
        <location filename="../../ui/sync/page.py" line="192"/>
        <source>Device keys</source>
        <translation>本机密钥</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="49"/>
        <source>Setup package</source>
        <translation>配置包</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="50"/>
        <source>Changes not yet confirmed by the receiver</source>
        <translation>上级尚未确认的变更</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="51"/>
        <source>Bundles written</source>
        <translation>已写出的同步文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="67"/>
        <source>Write key &amp;file…</source>
        <translation>把密钥文件写到U盘(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/keys.py" line="58"/>
        <source>%1 FPA</source>
        <translation>%1计生协</translation>
    </message>
    <message>
        <location filename="../../ui/sync/keys.py" line="71"/>
        <source>Write the key file to (USB stick)</source>
        <translation>把密钥文件写到（U盘）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/keys.py" line="81"/>
        <source>Key file %1 written. Take it to the level above; key id %2.</source>
        <translation>密钥文件 %1 已写出。请把它交给上级，用于下发本机的配置包；本机密钥编号 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="61"/>
        <source>Create device &amp;keys…</source>
        <translation>创建本机密钥(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="62"/>
        <source>Import setup &amp;package…</source>
        <translation>导入配置包(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="63"/>
        <source>&amp;Write bundle…</source>
        <translation>写出同步文件(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="64"/>
        <source>&amp;Merge bundles…</source>
        <translation>合并同步文件(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="65"/>
        <source>Write &amp;receipt…</source>
        <translation>写出回执(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="66"/>
        <source>&amp;Import receipts…</source>
        <translation>导入回执(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="67"/>
        <source>Issue setup packa&amp;ge…</source>
        <translation>下发配置包(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="92"/>
        <source>Last merge</source>
        <translation>本次合并结果</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="93"/>
        <source>Merged bundles</source>
        <translation>合并记录</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="27"/>
        <location filename="../../ui/sync/tables.py" line="82"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="29"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="32"/>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="34"/>
        <source>Checked only</source>
        <translation>仅检查</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="36"/>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="40"/>
        <location filename="../../ui/sync/tables.py" line="73"/>
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="44"/>
        <location filename="../../ui/sync/tables.py" line="78"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="45"/>
        <location filename="../../ui/sync/tables.py" line="79"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="46"/>
        <location filename="../../ui/sync/tables.py" line="80"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="47"/>
        <location filename="../../ui/sync/tables.py" line="81"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="49"/>
        <source>Possible duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="54"/>
        <source>Missing earlier bundles</source>
        <translation>缺少的前序文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="58"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/sync/tables.py" line="68"/>
        <source>Merged at</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="120"/>
        <source>Key id %1%2</source>
        <translation>密钥编号 %1%2</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="123"/>
        <source> — not protected by a passphrase</source>
        <translation>（未设口令保护）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="127"/>
        <source>None yet: create the device keys first.</source>
        <translation>尚未创建：请先创建本机密钥。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="130"/>
        <source>%1, issued %2; %3 recipients, %4 trusted senders</source>
        <translation>%1，签发于 %2；接收方 %3 个，受信任发送方 %4 个</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="137"/>
        <source>Not imported yet: import the setup package from the level above.</source>
        <translation>尚未导入：请导入上级下发的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="156"/>
        <source>Create this computer&apos;s keys first.</source>
        <translation>请先创建本机密钥。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="160"/>
        <source>Import the setup package from the level above first.</source>
        <translation>请先导入上级下发的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="163"/>
        <source>The setup package names nobody to send to.</source>
        <translation>配置包中没有接收方，请向上级要新的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="193"/>
        <source>Passphrase of the device keys:</source>
        <translation>本机密钥口令：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="201"/>
        <location filename="../../ui/sync/page.py" line="208"/>
        <location filename="../../ui/sync/page.py" line="215"/>
        <source>Create device keys</source>
        <translation>创建本机密钥</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="202"/>
        <source>Passphrase (at least 8 characters):</source>
        <translation>口令（至少 8 个字符）：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="208"/>
        <source>Passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="216"/>
        <source>The two passphrases differ or are shorter than 8 characters.</source>
        <translation>两次输入的口令不一致，或少于 8 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="226"/>
        <source>Device keys created, key id %1.</source>
        <translation>已创建本机密钥，密钥编号 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="233"/>
        <source>Import setup package</source>
        <translation>导入配置包</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="233"/>
        <source>Setup packages (*.fpas)</source>
        <translation>配置包 (*.fpas)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="249"/>
        <source>Trust the issuer?</source>
        <translation>是否信任签发方？</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="250"/>
        <source>This package is signed by “%1” with key id</source>
        <translation>此配置包由“%1”签发，密钥编号为</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="252"/>
        <source>Compare this key id with the one the level above gave you. Trust it?</source>
        <translation>请与上级书面或电话告知的密钥编号核对。是否信任？</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="262"/>
        <source>Setup package imported from %1.</source>
        <translation>已导入“%1”签发的配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="268"/>
        <source>Write bundle to (USB stick or shared folder)</source>
        <translation>将同步文件写到（U 盘或共享文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="285"/>
        <source>Bundle %1 written with %2 records.</source>
        <translation>已写出同步文件 %1，共 %2 条记录。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="294"/>
        <source>Merge bundles</source>
        <translation>合并同步文件</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="294"/>
        <source>Bundles (*.fpab)</source>
        <translation>同步文件 (*.fpab)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="320"/>
        <source>%1 of %2 bundles merged; refused bundles changed nothing.</source>
        <translation>已合并 %1 个（共 %2 个）同步文件；被拒绝的文件未改动任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="326"/>
        <source>Write receipt to</source>
        <translation>回执写到</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="336"/>
        <source>Receipt %1 written.</source>
        <translation>已写出回执 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="369"/>
        <source>Import receipts</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="369"/>
        <source>Receipts (*.fpar)</source>
        <translation>回执 (*.fpar)</translation>
    </message>
    <message>
        <location filename="../../ui/sync/page.py" line="377"/>
        <source>Receipt imported: %1 bundles confirmed.</source>
        <translation>已导入回执：确认了 %1 个同步文件。</translation>
    </message>
</context>
</TS>
