<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupSettingsPanel</name>
    <message>
        <location filename="../../ui/system/backup.py" line="297"/>
        <source>Restore and automatic backups</source>
        <translation>恢复与自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="301"/>
        <source>Re&amp;store from a backup…</source>
        <translation>从备份恢复(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="307"/>
        <source>Back up a&amp;utomatically once a day, when the program closes</source>
        <translation>每天自动备份一次，在关闭程序时(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="309"/>
        <source>Into %1; the last %2 backups are kept.</source>
        <translation>备份到 %1；保留最近 %2 份。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="315"/>
        <source>Also &amp;into:</source>
        <translation>同时备份到(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="318"/>
        <source>Automatic backup t&amp;o…</source>
        <translation>自动备份到(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="340"/>
        <source>a USB stick or folder (choose one)</source>
        <translation>U 盘或文件夹（请选择）</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="355"/>
        <source>Back up automatically also to (a USB stick or folder)</source>
        <translation>自动备份同时写到（U 盘或文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="376"/>
        <source>No backup of this database yet.</source>
        <translation>这个数据库还没有备份。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="380"/>
        <source>Last backup: %1 in %2</source>
        <translation>最近一次备份：%1，在 %2</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/system/backup.py" line="69"/>
        <location filename="../../ui/system/backup.py" line="272"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="77"/>
        <source>Restoring replaces the whole database with the backup: what was entered after the backup was taken is no longer in it. The database as it is now is first copied to the backups folder.</source>
        <translation>恢复会用备份替换整个数据库：备份之后录入的内容将不再存在。恢复前，当前数据库会先复制一份到备份文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="89"/>
        <source>Other &amp;folder…</source>
        <translation>其他文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="91"/>
        <source>A f&amp;ile…</source>
        <translation>选择文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="98"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="98"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="98"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="98"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="98"/>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="100"/>
        <source>Backups found</source>
        <translation>找到的备份</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="119"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="120"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="121"/>
        <source>An account in the backup: its password when the backup was taken.</source>
        <translation>备份中的账户：填写备份时该账户的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="136"/>
        <source>&amp;Check the backup</source>
        <translation>检查备份(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="138"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="154"/>
        <source>Backups in %1</source>
        <translation>%1 中的备份</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="166"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="166"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="174"/>
        <source>No backups in this folder. Choose another folder or a file.</source>
        <translation>这个文件夹中没有备份。请选择其他文件夹或文件。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="178"/>
        <source>Folder with backups</source>
        <translation>备份所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="184"/>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="184"/>
        <source>Databases (*.db);;All files (*)</source>
        <translation>数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="198"/>
        <source>Backup file %1</source>
        <translation>备份文件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="225"/>
        <source>Opening a copy of the backup…</source>
        <translation>正在打开备份的副本并检查…</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="241"/>
        <source>&lt;b&gt;%1&lt;/b&gt;, taken %2, %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，备份于 %2，%3</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="245"/>
        <source>Division: %1 (%2), %3</source>
        <translation>区划：%1（%2），%3</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="249"/>
        <source>User accounts: %1</source>
        <translation>用户账户：%1 个</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="253"/>
        <source>Taken on another computer (device %1).</source>
        <translation>来自另一台电脑（设备 %1）。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="255"/>
        <source>Made by an older version: it is upgraded when restored.</source>
        <translation>由旧版本程序生成：恢复时会自动升级。</translation>
    </message>
    <message>
        <location filename="../../ui/system/backup.py" line="274"/>
        <source>Replace the database with the backup of %1? The program closes the database, restores it and opens it again.</source>
        <translation>用 %1 的备份替换当前数据库？程序将关闭数据库、恢复，然后重新打开。</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Automatic backup before closing…</source>
        <translation>关闭前自动备份…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
</context>
<context>
    <name>WindowBackups</name>
    <message>
        <source>Automatic backup written: %1</source>
        <translation>已自动备份：%1</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
    <message>
        <source>Automatic backup</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <source>The automatic backup was not written:</source>
        <translation>自动备份未写入：</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
</context>
</TS>
