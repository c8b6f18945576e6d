<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OpenProvinceDialog</name>
    <message>
        <source>Open province database</source>
        <translation>打开省级数据库</translation>
    </message>
    <message>
        <source>The province database is on a PostgreSQL server. Enter its address and the server user the program connects as; the password is not saved.</source>
        <translation>省级数据库在 PostgreSQL 服务器上。请填写服务器地址和程序连接所用的服务器用户名；密码不会保存。</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库名(&amp;D)：</translation>
    </message>
    <message>
        <source>Server &amp;user:</source>
        <translation>服务器用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open p&amp;rovince database…</source>
        <translation>打开省级数据库(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to the province database %1.</source>
        <translation>请登录省级数据库 %1。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Province database</source>
        <translation>省级数据库</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>%1 的密码：</translation>
    </message>
</context>
<context>
    <name>ServerRestoreDialog</name>
    <message>
        <source>Restore the province database</source>
        <translation>恢复省级数据库</translation>
    </message>
    <message>
        <source>Restoring replaces every record of the province database with the backup's. The backup is first checked on the server's scratch database, and the province as it is now is first saved to the backups folder.</source>
        <translation>恢复会用备份中的数据替换省级数据库的全部记录。备份先在服务器的校验数据库中检查，现在的省级数据库也先另存到备份文件夹。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Province key &amp;passphrase:</source>
        <translation>本省密钥的口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>No backup of a province database in the backups folder.</source>
        <translation>备份文件夹中没有省级数据库的备份。</translation>
    </message>
    <message>
        <source>Replace every record of the province database with the backup %1?</source>
        <translation>用备份 %1 替换省级数据库的全部记录吗？</translation>
    </message>
    <message>
        <source>Restoring the province database…</source>
        <translation>正在恢复省级数据库…</translation>
    </message>
    <message>
        <source>Restored: %1 families; the database as it was is in %2</source>
        <translation>已恢复：特殊家庭 %1 户；恢复前的数据库另存为 %2</translation>
    </message>
</context>
</TS>
