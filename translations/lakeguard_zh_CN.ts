<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvidenceReport</name>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Lakeguard evidence pack</source>
        <translation>Lakeguard 证据包</translation>
    </message>
    <message>
        <source>Incidents %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>Alerts of a period</source>
        <translation>某一时段的告警</translation>
    </message>
    <message>
        <source>Every alert in the store</source>
        <translation>存储中的全部告警</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Generator</source>
        <translation>生成程序</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>%1 (tree size %2, signed %3)</source>
        <translation>%1（树大小 %2，签名于 %3）</translation>
    </message>
    <message>
        <source>Root hash</source>
        <translation>根哈希</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>TLP marking</source>
        <translation>TLP 标记</translation>
    </message>
    <message>
        <source>TLP cap</source>
        <translation>TLP 上限</translation>
    </message>
    <message>
        <source>TLP:%1 — %2 records above it were left out</source>
        <translation>TLP:%1 — 高于此级别的 %2 条记录未导出</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>%1 alerts, %2 alert events, %3 audit entries, %4 incidents</source>
        <translation>%1 条告警，%2 条告警事件，%3 条审计记录，%4 个事件</translation>
    </message>
    <message>
        <source>Every record in this pack carries a proof that it belongs to the signed checkpoint above. VERIFY.txt explains how to check the pack with the openssl command line alone.</source>
        <translation>本证据包中的每条记录都附有证明，表明它属于上述已签名的检查点。VERIFY.txt 说明了如何仅用 openssl 命令行校验本证据包。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Alerts by severity</source>
        <translation>按严重程度统计的告警</translation>
    </message>
    <message>
        <source>Alerts by category</source>
        <translation>按类别统计的告警</translation>
    </message>
    <message>
        <source>Incident risk (0–100)</source>
        <translation>事件风险（0–100）</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次发现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近发现</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The first %1 of %2 entries; all are in audit.jsonl.</source>
        <translation>仅列出 %2 条中的前 %1 条；完整记录见 audit.jsonl。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>The first %1 of %2 alerts; all are in alerts.csv and alerts.jsonl.</source>
        <translation>仅列出 %2 条告警中的前 %1 条；全部告警见 alerts.csv 和 alerts.jsonl。</translation>
    </message>
    <message>
        <source>Root %1 · tree size %2</source>
        <translation>根 %1 · 树大小 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>FeedEditDialog</name>
    <message>
        <source>File to follow, across rotations</source>
        <translation>要跟踪的文件（轮转后继续跟踪）</translation>
    </message>
    <message>
        <source>How often to look for new lines (ms)</source>
        <translation>检查新行的间隔（毫秒）</translation>
    </message>
    <message>
        <source>HTTPS address to poll</source>
        <translation>要轮询的 HTTPS 地址</translation>
    </message>
    <message>
        <source>Seconds between polls</source>
        <translation>两次轮询之间的秒数</translation>
    </message>
    <message>
        <source>Name of the environment variable holding the token</source>
        <translation>保存令牌的环境变量名</translation>
    </message>
    <message>
        <source>Name of the environment variable holding the HMAC secret</source>
        <translation>保存 HMAC 密钥的环境变量名</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>请求超时（秒）</translation>
    </message>
    <message>
        <source>Query parameter that carries the last cursor</source>
        <translation>携带上次游标的查询参数</translation>
    </message>
    <message>
        <source>SHA-256 of the server&apos;s public key (base64), optional</source>
        <translation>服务器公钥的 SHA-256（base64），可选</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM file)</source>
        <translation>附加 CA 证书（PEM 文件）</translation>
    </message>
    <message>
        <source>Address and port to listen on, e.g. 127.0.0.1:5514</source>
        <translation>监听的地址和端口，例如 127.0.0.1:5514</translation>
    </message>
    <message>
        <source>udp, tcp or tls</source>
        <translation>udp、tcp 或 tls</translation>
    </message>
    <message>
        <source>Server certificate (PEM file)</source>
        <translation>服务器证书（PEM 文件）</translation>
    </message>
    <message>
        <source>Server private key (PEM file)</source>
        <translation>服务器私钥（PEM 文件）</translation>
    </message>
    <message>
        <source>Largest message accepted</source>
        <translation>可接受的最大消息</translation>
    </message>
    <message>
        <source>Most clients at once</source>
        <translation>同时连接的最大客户端数</translation>
    </message>
    <message>
        <source>Largest request body accepted</source>
        <translation>可接受的最大请求体</translation>
    </message>
    <message>
        <source>JSON array of node URLs</source>
        <translation>节点 URL 的 JSON 数组</translation>
    </message>
    <message>
        <source>Expected seconds per block</source>
        <translation>预期出块间隔（秒）</translation>
    </message>
    <message>
        <source>JSON array of watched addresses and minimum values</source>
        <translation>监视地址及最小金额的 JSON 数组</translation>
    </message>
    <message>
        <source>Name of the chain</source>
        <translation>链名称</translation>
    </message>
    <message>
        <source>Blocks behind before a lag alert</source>
        <translation>落后多少个区块触发滞后告警</translation>
    </message>
    <message>
        <source>Block times without a block before a stall alert</source>
        <translation>多少个出块间隔无新区块触发停滞告警</translation>
    </message>
    <message>
        <source>JSON object: where each field is (jsonl only)</source>
        <translation>JSON 对象：各字段所在位置（仅 jsonl）</translation>
    </message>
    <message>
        <source>Seconds a client may send no complete message</source>
        <translation>客户端未发送完整消息的最长秒数</translation>
    </message>
    <message>
        <source>CA certificates that client certificates must chain to</source>
        <translation>客户端证书必须链接到的 CA 证书</translation>
    </message>
    <message>
        <source>Requests waiting for the store before 503</source>
        <translation>返回 503 前等待写入存储的请求数上限</translation>
    </message>
    <message>
        <source>Bytes of bodies waiting for the store before 503</source>
        <translation>返回 503 前等待写入存储的请求体字节上限</translation>
    </message>
    <message>
        <source>Name of the vault entry holding the token</source>
        <translation>保存令牌的保险库条目名称</translation>
    </message>
    <message>
        <source>Name of the vault entry holding the HMAC secret</source>
        <translation>保存 HMAC 密钥的保险库条目名称</translation>
    </message>
    <message>
        <source>SHA-256 of the server&apos;s public key (base64 or hex; several: separate with commas), optional</source>
        <translation>服务器公钥的 SHA-256（base64 或十六进制；多个时用逗号分隔），可选</translation>
    </message>
</context>
<context>
    <name>IncidentTitle</name>
    <message>
        <source>Several alerts on %1</source>
        <extracomment>An incident&apos;s title: several alerts on one host, user or account (%1).</extracomment>
        <translation>%1 上的多条告警</translation>
    </message>
    <message>
        <source>Wave of %1</source>
        <extracomment>An incident&apos;s title: many alerts of one detection rule (%1) in a short time.</extracomment>
        <translation>集中告警：%1</translation>
    </message>
    <message>
        <source>%1 on chain %2</source>
        <extracomment>An incident&apos;s title: a chain condition (%1, a rule id such as chain.lag) on a blockchain (%2).</extracomment>
        <translation>链 %2 上的 %1</translation>
    </message>
</context>
<context>
    <name>Lakeguard</name>
    <message>
        <source>Info</source>
        <comment>severity</comment>
        <translation>信息</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>severity</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>severity</comment>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <comment>severity</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>severity</comment>
        <translation>严重</translation>
    </message>
    <message>
        <source>Fraud</source>
        <comment>category</comment>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Intrusion</source>
        <comment>category</comment>
        <translation>入侵</translation>
    </message>
    <message>
        <source>Malware</source>
        <comment>category</comment>
        <translation>恶意软件</translation>
    </message>
    <message>
        <source>Phishing</source>
        <comment>category</comment>
        <translation>钓鱼</translation>
    </message>
    <message>
        <source>DDoS</source>
        <comment>category</comment>
        <translation>DDoS</translation>
    </message>
    <message>
        <source>Data leak</source>
        <comment>category</comment>
        <translation>数据泄露</translation>
    </message>
    <message>
        <source>Insider</source>
        <comment>category</comment>
        <translation>内部威胁</translation>
    </message>
    <message>
        <source>Availability</source>
        <comment>category</comment>
        <translation>可用性</translation>
    </message>
    <message>
        <source>Chain</source>
        <comment>category</comment>
        <translation>区块链</translation>
    </message>
    <message>
        <source>Policy</source>
        <comment>category</comment>
        <translation>策略违规</translation>
    </message>
    <message>
        <source>Other</source>
        <comment>category</comment>
        <translation>其他</translation>
    </message>
    <message>
        <source>unknown store location scheme: %1</source>
        <translation>未知的存储位置协议：%1</translation>
    </message>
    <message>
        <source>no store location given</source>
        <translation>未指定存储位置</translation>
    </message>
    <message>
        <source>no store at %1</source>
        <translation>%1 处没有存储</translation>
    </message>
    <message>
        <source>cannot create folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot open store %1: %2</source>
        <translation>无法打开存储 %1：%2</translation>
    </message>
    <message>
        <source>cannot prepare store %1: %2</source>
        <translation>无法准备存储 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a Lakeguard store: %2</source>
        <translation>%1 不是 Lakeguard 存储：%2</translation>
    </message>
    <message>
        <source>cannot prepare statements: %1</source>
        <translation>无法预编译语句：%1</translation>
    </message>
    <message>
        <source>%1 holds tables but no schema version</source>
        <translation>%1 包含数据表，但没有架构版本</translation>
    </message>
    <message>
        <source>store %1 has schema version %2, newer than this build understands (%3); use a newer Lakeguard</source>
        <translation>存储 %1 的架构版本为 %2，高于此版本支持的版本（%3）；请使用更新版本的 Lakeguard</translation>
    </message>
    <message>
        <source>store %1 has schema version %2 and needs migrating to %3; open it once read-write</source>
        <translation>存储 %1 的架构版本为 %2，需要迁移到 %3；请以读写方式打开一次</translation>
    </message>
    <message>
        <source>cannot begin migration: %1</source>
        <translation>无法开始迁移：%1</translation>
    </message>
    <message>
        <source>migration to schema version %1 failed: %2</source>
        <translation>迁移到架构版本 %1 失败：%2</translation>
    </message>
    <message>
        <source>store is not open for writing</source>
        <translation>存储未以写入方式打开</translation>
    </message>
    <message>
        <source>cannot begin transaction: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>commit failed: %1</source>
        <translation>提交失败：%1</translation>
    </message>
    <message>
        <source>no alert with id %1</source>
        <translation>不存在 ID 为 %1 的告警</translation>
    </message>
    <message>
        <source>too many chart buckets (%1)</source>
        <translation>图表分桶过多（%1）</translation>
    </message>
    <message>
        <source>the store is closed</source>
        <translation>存储已关闭</translation>
    </message>
    <message>
        <source>the writer thread did not answer</source>
        <translation>写入线程无响应</translation>
    </message>
    <message>
        <source>the store writer is not running</source>
        <translation>存储写入器未运行</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot;</source>
        <translation>未知格式“%1”</translation>
    </message>
    <message>
        <source>cannot create the signing key: %1</source>
        <translation>无法创建签名密钥：%1</translation>
    </message>
    <message>
        <source>cannot read the signing key: %1</source>
        <translation>无法读取签名密钥：%1</translation>
    </message>
    <message>
        <source>%1 holds no private key</source>
        <translation>%1 中没有私钥</translation>
    </message>
    <message>
        <source>cannot record the public key: %1</source>
        <translation>无法记录公钥：%1</translation>
    </message>
    <message>
        <source>the store is not open for writing</source>
        <translation>存储未以写入方式打开</translation>
    </message>
    <message>
        <source>the store&apos;s Merkle frontier is damaged; run &apos;lakeguard-cli verify&apos;</source>
        <translation>存储的 Merkle 前沿已损坏；请运行“lakeguard-cli verify”</translation>
    </message>
    <message>
        <source>cannot sign a checkpoint: %1</source>
        <translation>无法签署检查点：%1</translation>
    </message>
    <message>
        <source>checkpoint failed: %1</source>
        <translation>检查点失败：%1</translation>
    </message>
    <message>
        <source>the public key recorded as %1 does not match its id</source>
        <translation>记录为 %1 的公钥与其 ID 不匹配</translation>
    </message>
    <message>
        <source>checkpoint %1 (tree size %2) is smaller than checkpoint %3 before it: the log was rolled back</source>
        <translation>检查点 %1（树大小 %2）小于之前的检查点 %3：日志已被回滚</translation>
    </message>
    <message>
        <source>checkpoint %1 (tree size %2) is signed by unknown key %3</source>
        <translation>检查点 %1（树大小 %2）由未知密钥 %3 签名</translation>
    </message>
    <message>
        <source>checkpoint %1 (tree size %2): the signature does not verify</source>
        <translation>检查点 %1（树大小 %2）：签名验证失败</translation>
    </message>
    <message>
        <source>the saved verification state does not match checkpoint %1; run a full verify</source>
        <translation>保存的验证状态与检查点 %1 不匹配；请运行完整验证</translation>
    </message>
    <message>
        <source>checkpoint %1 (tree size %2) does not match the records: a record before it was changed, removed or reordered</source>
        <translation>检查点 %1（树大小 %2）与记录不符：其之前的某条记录已被修改、删除或重新排序</translation>
    </message>
    <message>
        <source>leaves %1 to %2 are missing: records were removed</source>
        <translation>缺少叶节点 %1 至 %2：记录已被删除</translation>
    </message>
    <message>
        <source>leaf %1 has an unknown kind %2</source>
        <translation>叶节点 %1 的类型 %2 未知</translation>
    </message>
    <message>
        <source>%1 %2 (leaf %3) is out of order or repeated: leaves were reordered or inserted</source>
        <translation>%1 %2（叶节点 %3）顺序错乱或重复：叶节点已被重新排序或插入</translation>
    </message>
    <message>
        <source>%1 %2 (leaf %3) was deleted</source>
        <translation>%1 %2（叶节点 %3）已被删除</translation>
    </message>
    <message>
        <source>%1 %2 (leaf %3) was modified</source>
        <translation>%1 %2（叶节点 %3）已被修改</translation>
    </message>
    <message>
        <source>%1 %2 has no leaf: it was added outside Lakeguard</source>
        <translation>%1 %2 没有对应的叶节点：它是在 Lakeguard 之外添加的</translation>
    </message>
    <message>
        <source>checkpoint %1 covers %2 leaves but the store has %3: records were removed</source>
        <translation>检查点 %1 覆盖 %2 个叶节点，但存储中只有 %3 个：记录已被删除</translation>
    </message>
    <message>
        <source>the stored Merkle frontier does not match the leaves</source>
        <translation>存储的 Merkle 前沿与叶节点不匹配</translation>
    </message>
    <message>
        <source>unknown OpenSSL error</source>
        <translation>未知的 OpenSSL 错误</translation>
    </message>
    <message>
        <source>cannot generate an Ed25519 key: %1</source>
        <translation>无法生成 Ed25519 密钥：%1</translation>
    </message>
    <message>
        <source>not a PEM key: %1</source>
        <translation>不是 PEM 密钥：%1</translation>
    </message>
    <message>
        <source>the key is not an Ed25519 key</source>
        <translation>该密钥不是 Ed25519 密钥</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no private key to save</source>
        <translation>没有可保存的私钥</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <source>cannot sign with a public key</source>
        <translation>无法使用公钥签名</translation>
    </message>
    <message>
        <source>store %1: %2</source>
        <translation>存储 %1：%2</translation>
    </message>
    <message>
        <source>tamper-evidence log failed: %1</source>
        <translation>防篡改日志失败：%1</translation>
    </message>
    <message>
        <source>store is not open</source>
        <translation>存储未打开</translation>
    </message>
    <message>
        <source>feed &quot;%1&quot;: type %2 is not available in this version</source>
        <translation>数据源“%1”：此版本不支持类型 %2</translation>
    </message>
    <message>
        <source>no feeds file to save to</source>
        <translation>没有可保存的数据源配置文件</translation>
    </message>
    <message>
        <source>feed &quot;%1&quot;: saved, but type %2 is not available in this version</source>
        <translation>数据源“%1”：已保存，但此版本不支持类型 %2</translation>
    </message>
    <message>
        <source>no feed &quot;%1&quot;</source>
        <translation>没有数据源“%1”</translation>
    </message>
    <message>
        <source>cannot test a feed of type %1</source>
        <translation>无法测试类型为 %1 的数据源</translation>
    </message>
    <message>
        <source>%1 does not exist yet; the feed will start reading when it appears</source>
        <translation>%1 尚不存在；文件出现后数据源将开始读取</translation>
    </message>
    <message>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1：文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>%1 is readable (%2 bytes)</source>
        <translation>%1 可读（%2 字节）</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 in %3 ms</source>
        <translation>%1 在 %3 毫秒内返回 HTTP %2</translation>
    </message>
    <message>
        <source>this feed is listening on %1</source>
        <translation>此数据源正在监听 %1</translation>
    </message>
    <message>
        <source>%1 is free to listen on</source>
        <translation>%1 可用于监听</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>%1: not an Ethereum JSON-RPC answer</source>
        <translation>%1：不是以太坊 JSON-RPC 响应</translation>
    </message>
    <message>
        <source>%1: chain id %2, %3 ms</source>
        <translation>%1：链 ID %2，%3 毫秒</translation>
    </message>
    <message>
        <source>alert %1 says its state is &quot;%2&quot; but its last recorded event says &quot;%3&quot;: the state was changed outside Lakeguard</source>
        <translation>告警 %1 的状态为“%2”，但其最后记录的事件为“%3”：状态在 Lakeguard 之外被修改</translation>
    </message>
    <message>
        <source>%1 exists; back up to a new file</source>
        <translation>%1 已存在；请备份到新文件</translation>
    </message>
    <message>
        <source>the SQLite driver gives no handle for a backup</source>
        <translation>SQLite 驱动未提供可用于备份的句柄</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>backup to %1 failed: %2</source>
        <translation>备份到 %1 失败：%2</translation>
    </message>
    <message>
        <source>feed %1: the batch before this one was not stored; this one is refused so nothing is skipped</source>
        <translation>数据源 %1：前一批未能存储；为避免跳过记录，本批被拒绝</translation>
    </message>
    <message>
        <source>correlation failed: %1</source>
        <translation>关联失败：%1</translation>
    </message>
    <message>
        <source>%1: HTTP %2, status %3, %4 ms</source>
        <translation>%1：HTTP %2，状态 %3，%4 毫秒</translation>
    </message>
    <message>
        <source>%1: not a FISCO BCOS JSON-RPC answer</source>
        <translation>%1：不是 FISCO BCOS JSON-RPC 响应</translation>
    </message>
    <message>
        <source>%1: block %2, %3 ms</source>
        <translation>%1：区块 %2，%3 毫秒</translation>
    </message>
    <message>
        <source>--out: no folder given</source>
        <translation>--out：未指定文件夹</translation>
    </message>
    <message>
        <source>--lang: &quot;%1&quot; is not a report language (en, zh_CN)</source>
        <translation>--lang：“%1”不是可用的报告语言（en、zh_CN）</translation>
    </message>
    <message>
        <source>the period is empty: --since must be before --until</source>
        <translation>时段为空：--since 必须早于 --until</translation>
    </message>
    <message>
        <source>%1: the folder is not empty</source>
        <translation>%1：文件夹不为空</translation>
    </message>
    <message>
        <source>%1: already exists</source>
        <translation>%1：已存在</translation>
    </message>
    <message>
        <source>Signing a checkpoint</source>
        <translation>正在签署检查点</translation>
    </message>
    <message>
        <source>%1: the store holds no signed records yet</source>
        <translation>%1：存储中尚无已签名的记录</translation>
    </message>
    <message>
        <source>cannot read the store&apos;s signing key: %1</source>
        <translation>无法读取存储的签名密钥：%1</translation>
    </message>
    <message>
        <source>no private key</source>
        <translation>没有私钥</translation>
    </message>
    <message>
        <source>checkpoint %1 is not signed by the store&apos;s current key %2; run &apos;lakeguard-cli verify&apos;</source>
        <translation>检查点 %1 并非由存储当前的密钥 %2 签名；请运行“lakeguard-cli verify”</translation>
    </message>
    <message>
        <source>Reading the Merkle tree</source>
        <translation>正在读取 Merkle 树</translation>
    </message>
    <message>
        <source>the store&apos;s leaves do not give the root of checkpoint %1; run &apos;lakeguard-cli verify&apos;</source>
        <translation>存储中的叶子无法得出检查点 %1 的根；请运行“lakeguard-cli verify”</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 %2 (leaf %3) no longer matches its leaf: it was changed after it was stored</source>
        <translation>%1 %2（叶子 %3）与其叶子不再一致：它在存储后被修改过</translation>
    </message>
    <message>
        <source>incident %1: %2</source>
        <translation>事件 %1：%2</translation>
    </message>
    <message>
        <source>Reading alerts</source>
        <translation>正在读取告警</translation>
    </message>
    <message>
        <source>Reading the audit trail</source>
        <translation>正在读取审计记录</translation>
    </message>
    <message>
        <source>the pack would hold TLP:%1 records but is marked TLP:%2; mark it higher or leave them out with --tlp-cap %2</source>
        <translation>证据包将包含 TLP:%1 的记录，但标记为 TLP:%2；请提高标记，或用 --tlp-cap %2 排除这些记录</translation>
    </message>
    <message>
        <source>Writing records</source>
        <translation>正在写入记录</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>Drawing the report</source>
        <translation>正在生成报告</translation>
    </message>
    <message>
        <source>Signing the manifest</source>
        <translation>正在签署清单</translation>
    </message>
    <message>
        <source>%1: cannot read back</source>
        <translation>%1：无法读回</translation>
    </message>
    <message>
        <source>Writing the zip</source>
        <translation>正在写入 zip 文件</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1: no such folder or zip file</source>
        <translation>%1：没有这个文件夹或 zip 文件</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>not an Ed25519 public key: %1</source>
        <translation>不是 Ed25519 公钥：%1</translation>
    </message>
    <message>
        <source>the key is %1, not the expected %2</source>
        <translation>密钥是 %1，而不是预期的 %2</translation>
    </message>
    <message>
        <source>the signature does not verify manifest.json with signing-pub.pem: manifest.json, manifest.sig or the key was changed</source>
        <translation>用 signing-pub.pem 无法验证 manifest.json 的签名：manifest.json、manifest.sig 或密钥已被修改</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation>不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>lists an invalid file name &quot;%1&quot;</source>
        <translation>列出了无效的文件名“%1”</translation>
    </message>
    <message>
        <source>missing (listed in manifest.json)</source>
        <translation>缺失（manifest.json 中已列出）</translation>
    </message>
    <message>
        <source>SHA-256 %1 differs from the manifest&apos;s %2: the file was changed</source>
        <translation>SHA-256 %1 与清单中的 %2 不同：文件已被修改</translation>
    </message>
    <message>
        <source>does not list %1</source>
        <translation>未列出 %1</translation>
    </message>
    <message>
        <source>not listed in manifest.json: not part of the pack</source>
        <translation>manifest.json 中未列出：不属于本证据包</translation>
    </message>
    <message>
        <source>the checkpoint is incomplete</source>
        <translation>检查点不完整</translation>
    </message>
    <message>
        <source>the checkpoint names key %1 but signing-pub.pem is %2</source>
        <translation>检查点指明的密钥是 %1，但 signing-pub.pem 是 %2</translation>
    </message>
    <message>
        <source>the signature of checkpoint %1 (tree size %2) does not verify</source>
        <translation>检查点 %1（树大小 %2）的签名验证失败</translation>
    </message>
    <message>
        <source>line %1 is not a JSON object</source>
        <translation>第 %1 行不是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 %2 appears twice</source>
        <translation>%1 %2 出现了两次</translation>
    </message>
    <message>
        <source>%1 %2 (leaf %3)</source>
        <translation>%1 %2（叶子 %3）</translation>
    </message>
    <message>
        <source>%1: the encoding does not give the leaf hash</source>
        <translation>%1：编码得不出该叶子哈希</translation>
    </message>
    <message>
        <source>%1: the inclusion proof does not lead to the root of checkpoint %2</source>
        <translation>%1：包含证明无法得出检查点 %2 的根</translation>
    </message>
    <message>
        <source>%1: the encoding is not a %2 record with that id</source>
        <translation>%1：编码不是该编号的 %2 记录</translation>
    </message>
    <message>
        <source>%1 is in the manifest but not in the file</source>
        <translation>%1 在清单中，但不在文件中</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; differs from the signed record</source>
        <translation>%1：“%2”与已签名的记录不同</translation>
    </message>
    <message>
        <source>%1: &quot;leaf&quot; differs from the manifest</source>
        <translation>%1：“leaf”与清单不同</translation>
    </message>
    <message>
        <source>%1 %2 has no proof in the manifest</source>
        <translation>%1 %2 在清单中没有证明</translation>
    </message>
    <message>
        <source>leaf %1 is missing or damaged; run &apos;lakeguard-cli verify&apos;</source>
        <translation>叶子 %1 缺失或已损坏；请运行“lakeguard-cli verify”</translation>
    </message>
    <message>
        <source>prune record %1 removed %2 %3 records (ids %4 to %5) but %6 are missing there: records were deleted outside a prune</source>
        <translation>清理记录 %1 删除了 %2 条%3记录（编号 %4 至 %5），但该范围内缺少 %6 条：有记录在清理之外被删除</translation>
    </message>
    <message>
        <source>prune failed: %1</source>
        <translation>清理失败：%1</translation>
    </message>
    <message>
        <source>not a PostgreSQL store location: %1</source>
        <translation>不是 PostgreSQL 存储位置：%1</translation>
    </message>
    <message>
        <source>the store location must not hold a password; set PGPASSWORD or use ~/.pgpass: %1</source>
        <translation>存储位置中不得包含密码；请设置 PGPASSWORD 或使用 ~/.pgpass：%1</translation>
    </message>
    <message>
        <source>a PostgreSQL store location reads postgresql://user@host:port/database: %1</source>
        <translation>PostgreSQL 存储位置的格式为 postgresql://用户@主机:端口/数据库：%1</translation>
    </message>
    <message>
        <source>unsupported PostgreSQL option &quot;%1&quot; in %2 (allowed: %3)</source>
        <translation>%2 中包含不支持的 PostgreSQL 选项“%1”（允许的选项：%3）</translation>
    </message>
    <message>
        <source>invalid value for PostgreSQL option &quot;%1&quot;</source>
        <translation>PostgreSQL 选项“%1”的值无效</translation>
    </message>
    <message>
        <source>the PostgreSQL driver (QPSQL, package libqt6sql6-psql) is not installed</source>
        <translation>未安装 PostgreSQL 驱动（QPSQL，软件包 libqt6sql6-psql）</translation>
    </message>
    <message>
        <source>cannot take the writer lock: %1</source>
        <translation>无法获取写入锁：%1</translation>
    </message>
    <message>
        <source>notify failed: %1</source>
        <translation>发送变更通知失败：%1</translation>
    </message>
    <message>
        <source>cannot listen for changes: %1</source>
        <translation>无法监听变更：%1</translation>
    </message>
    <message>
        <source>table %1 is missing</source>
        <translation>缺少表 %1</translation>
    </message>
    <message>
        <source>reading %1: %2</source>
        <translation>读取 %1：%2</translation>
    </message>
    <message>
        <source>writing %1: %2</source>
        <translation>写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 has schema version %2 but %3 has %4</source>
        <translation>%1 的架构版本为 %2，而 %3 的为 %4</translation>
    </message>
    <message>
        <source>migrate copies between SQLite and PostgreSQL stores only</source>
        <translation>migrate 仅支持在 SQLite 与 PostgreSQL 存储之间复制</translation>
    </message>
    <message>
        <source>%1 is not empty (table %2 holds %3 rows); migrate into a new store</source>
        <translation>%1 不为空（表 %2 有 %3 行）；请迁移到新的存储</translation>
    </message>
    <message>
        <source>table %1: %2 rows in the source, %3 in the copy</source>
        <translation>表 %1：源中有 %2 行，副本中有 %3 行</translation>
    </message>
    <message>
        <source>the source has %1 leaves, the copy %2</source>
        <translation>源有 %1 个叶子，副本有 %2 个</translation>
    </message>
    <message>
        <source>the Merkle root of the copy differs from the source&apos;s at %1 leaves</source>
        <translation>在 %1 个叶子处，副本的 Merkle 根与源的不同</translation>
    </message>
    <message>
        <source>the copy does not verify: %1</source>
        <translation>副本校验未通过：%1</translation>
    </message>
    <message>
        <source>the store has %1 leaves but the checkpoint covers %2; run &apos;lakeguard-cli verify&apos;</source>
        <translation>存储中有 %1 个叶子，但检查点覆盖了 %2 个；请运行“lakeguard-cli verify”</translation>
    </message>
    <message>
        <source>%1 has a write-ahead log that is not merged yet, so it cannot be opened immutable; make a copy with `lakeguard-cli backup` and review that</source>
        <translation>%1 还有尚未合并的预写日志，无法以不可变方式打开；请用 `lakeguard-cli backup` 制作副本后审阅该副本</translation>
    </message>
    <message>
        <source>%1 is in a folder that cannot be written and has a write-ahead log that is not merged yet; copy the store and its -wal file to a writable folder</source>
        <translation>%1 所在的文件夹不可写，且有尚未合并的预写日志；请把存储及其 -wal 文件复制到可写的文件夹</translation>
    </message>
    <message>
        <source>prune failed: events changed while pruning</source>
        <translation>清理失败：清理期间告警事件发生了变化</translation>
    </message>
    <message>
        <source>environment variable %1 (%2) is not set</source>
        <translation>环境变量 %1（%2）未设置</translation>
    </message>
    <message>
        <source>vault entry %1 (%2) cannot be read: %3</source>
        <translation>无法读取保险库条目 %1（%2）：%3</translation>
    </message>
    <message>
        <source>the vault is locked (set LAKEGUARD_VAULT_PASSPHRASE or unlock it in the console)</source>
        <translation>保险库已锁定（请设置 LAKEGUARD_VAULT_PASSPHRASE 或在控制台中解锁）</translation>
    </message>
    <message>
        <source>vault entry %1 (%2): %3</source>
        <translation>保险库条目 %1（%2）：%3</translation>
    </message>
    <message>
        <source>vault entry %1 (%2) is empty</source>
        <translation>保险库条目 %1（%2）为空</translation>
    </message>
    <message>
        <source>a pin list holds strings only</source>
        <translation>固定值列表只能包含字符串</translation>
    </message>
    <message>
        <source>must be a string or an array of strings</source>
        <translation>必须是字符串或字符串数组</translation>
    </message>
    <message>
        <source>no pin given</source>
        <translation>未提供固定值</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 in hex or base64</source>
        <translation>“%1”不是十六进制或 base64 格式的 SHA-256</translation>
    </message>
    <message>
        <source>TLS pin mismatch for %1: expected tls_pin_sha256 %2, the server&apos;s key is %3</source>
        <translation>%1 的 TLS 公钥固定不匹配：期望 tls_pin_sha256 为 %2，服务器的公钥为 %3</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>unknown (no certificate)</source>
        <translation>未知（没有证书）</translation>
    </message>
    <message>
        <source>%1: damaged vault (%2)</source>
        <translation>%1：保险库已损坏（%2）</translation>
    </message>
    <message>
        <source>the vault passphrase must not be empty</source>
        <translation>保险库口令不能为空</translation>
    </message>
    <message>
        <source>scrypt parameters out of range</source>
        <translation>scrypt 参数超出范围</translation>
    </message>
    <message>
        <source>cannot derive the vault key (OpenSSL scrypt failed)</source>
        <translation>无法派生保险库密钥（OpenSSL scrypt 失败）</translation>
    </message>
    <message>
        <source>%1: no vault here (&quot;vault set&quot; creates it)</source>
        <translation>%1：此处没有保险库（“vault set”会创建它）</translation>
    </message>
    <message>
        <source>larger than 64 MiB</source>
        <translation>大于 64 MiB</translation>
    </message>
    <message>
        <source>%1: not a Lakeguard vault</source>
        <translation>%1：不是 Lakeguard 保险库</translation>
    </message>
    <message>
        <source>%1: vault format version %2 is not supported (this build reads %3)</source>
        <translation>%1：不支持保险库格式版本 %2（此版本读取 %3）</translation>
    </message>
    <message>
        <source>unknown key derivation</source>
        <translation>未知的密钥派生方式</translation>
    </message>
    <message>
        <source>too many entries</source>
        <translation>条目过多</translation>
    </message>
    <message>
        <source>entry %1 is malformed</source>
        <translation>第 %1 个条目格式错误</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>长度错误</translation>
    </message>
    <message>
        <source>%1: wrong passphrase or damaged vault</source>
        <translation>%1：口令错误或保险库已损坏</translation>
    </message>
    <message>
        <source>the vault has no entry &quot;%1&quot;</source>
        <translation>保险库中没有条目“%1”</translation>
    </message>
    <message>
        <source>vault entry &quot;%1&quot; is damaged</source>
        <translation>保险库条目“%1”已损坏</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a vault entry name (1–128 of letters, digits and . _ -)</source>
        <translation>“%1”不是有效的保险库条目名称（1–128 个字母、数字及 . _ -）</translation>
    </message>
    <message>
        <source>a secret may be at most 1 MiB</source>
        <translation>单个密钥最大为 1 MiB</translation>
    </message>
    <message>
        <source>the vault holds at most %1 entries</source>
        <translation>保险库最多保存 %1 个条目</translation>
    </message>
    <message>
        <source>cannot encrypt the secret (OpenSSL failed)</source>
        <translation>无法加密该密钥（OpenSSL 失败）</translation>
    </message>
    <message>
        <source>cannot seal the vault (OpenSSL failed)</source>
        <translation>无法封装保险库（OpenSSL 失败）</translation>
    </message>
    <message>
        <source>%1: evidence packs cannot be cut from this kind of store</source>
        <translation>%1：无法从此类存储导出证据包</translation>
    </message>
    <message>
        <source>%1 is a PostgreSQL store: back it up with PostgreSQL&apos;s own tools (pg_dump for a logical copy, pg_basebackup with WAL archiving for point-in-time recovery); see docs/team-deployment.md</source>
        <translation>%1 是 PostgreSQL 存储：请用 PostgreSQL 自带的工具备份（逻辑备份用 pg_dump，时间点恢复用 pg_basebackup 加 WAL 归档）；参见 docs/team-deployment.md</translation>
    </message>
    <message>
        <source>the connection is closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>cannot read CA certificates from %1</source>
        <translation>无法读取 %1 中的 CA 证书</translation>
    </message>
    <message>
        <source>not a verification state</source>
        <translation>不是有效的验证状态</translation>
    </message>
    <message>
        <source>the verification state does not match checkpoint %1</source>
        <translation>验证状态与检查点 %1 不匹配</translation>
    </message>
    <message>
        <source>the check was stopped</source>
        <translation>检查已中止</translation>
    </message>
    <message>
        <source>cannot open store %1: SQLite has no full-text search (FTS5)</source>
        <translation>无法打开存储 %1：SQLite 不支持全文检索（FTS5）</translation>
    </message>
    <message>
        <source>store %1 is open read-only; compacting writes it</source>
        <translation>存储 %1 以只读方式打开；压缩需要写入</translation>
    </message>
    <message>
        <source>cannot compact %1: %2</source>
        <translation>无法压缩 %1：%2</translation>
    </message>
    <message>
        <source>%1: the copy cannot be opened: %2</source>
        <translation>%1：副本无法打开：%2</translation>
    </message>
    <message>
        <source>cannot read the size of %1: %2</source>
        <translation>无法读取 %1 的大小：%2</translation>
    </message>
</context>
<context>
    <name>Lakeguard::App</name>
    <message>
        <source>Open the store at PATH.</source>
        <translation>打开位于 PATH 的存储。</translation>
    </message>
    <message>
        <source>Seed of the demo scenario (default 1).</source>
        <translation>演示场景的随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>Simulated seconds per second for the demo (default 120).</source>
        <translation>演示每秒模拟的秒数（默认 120）。</translation>
    </message>
    <message>
        <source>Render every view to DIR/&lt;view&gt;.png and exit.</source>
        <translation>将每个视图渲染为 DIR/&lt;view&gt;.png 后退出。</translation>
    </message>
    <message>
        <source>User interface language: en or zh_CN.</source>
        <translation>界面语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Print the version and exit.</source>
        <translation>显示版本号后退出。</translation>
    </message>
    <message>
        <source>Lakeguard: a native console for financial-security monitoring.</source>
        <translation>Lakeguard：金融安全监控原生控制台。</translation>
    </message>
    <message>
        <source>Lakeguard</source>
        <translation>Lakeguard</translation>
    </message>
    <message>
        <source>unknown language &quot;%1&quot; (use en or zh_CN)</source>
        <translation>未知语言“%1”（请使用 en 或 zh_CN）</translation>
    </message>
    <message>
        <source>--review cannot be combined with --demo or --store</source>
        <translation>--review 不能与 --demo 或 --store 同时使用</translation>
    </message>
    <message>
        <source>--seed needs a whole number, got &quot;%1&quot;</source>
        <translation>--seed 需要整数，实际为“%1”</translation>
    </message>
    <message>
        <source>--speed needs a positive number, got &quot;%1&quot;</source>
        <translation>--speed 需要正数，实际为“%1”</translation>
    </message>
    <message>
        <source>cannot review %1: no such file</source>
        <translation>无法审阅 %1：文件不存在</translation>
    </message>
    <message>
        <source>cannot open the store %1: %2</source>
        <translation>无法打开存储 %1：%2</translation>
    </message>
    <message>
        <source>Screenshots written to %1</source>
        <translation>截图已写入 %1</translation>
    </message>
    <message>
        <source>Run and edit the feeds of FILE (default: feeds.json in the configuration folder).</source>
        <translation>运行并编辑 FILE 中的数据源（默认：配置文件夹中的 feeds.json）。</translation>
    </message>
    <message>
        <source>lakeguard: feeds: %1</source>
        <translation>lakeguard：数据源：%1</translation>
    </message>
    <message>
        <source>Feeds not started: %1</source>
        <translation>数据源未启动：%1</translation>
    </message>
    <message>
        <source>Play a demo scenario into the store: bank-day (the generated day, default), payment-gateway, consortium-chain, insider-exfiltration or a .json file, given as the SCENARIO argument.</source>
        <translation>将演示场景写入存储：bank-day（生成的一天，默认）、payment-gateway、consortium-chain、insider-exfiltration 或某个 .json 文件，以 SCENARIO 参数给出。</translation>
    </message>
    <message>
        <source>Colour theme for this run: light or dark (default: the saved choice).</source>
        <translation>本次运行的配色主题：light 或 dark（默认使用已保存的选择）。</translation>
    </message>
    <message>
        <source>Start in presentation mode (full screen, dark, large type; Esc leaves).</source>
        <translation>以演示模式启动（全屏、深色主题、大字号；按 Esc 退出）。</translation>
    </message>
    <message>
        <source>With --demo: the scenario to play (default bank-day).</source>
        <translation>与 --demo 一起使用：要播放的场景（默认 bank-day）。</translation>
    </message>
    <message>
        <source>a SCENARIO argument needs --demo (and only one is allowed)</source>
        <translation>SCENARIO 参数需要与 --demo 一起使用（且只能给出一个）</translation>
    </message>
    <message>
        <source>cannot play the scenario: %1</source>
        <translation>无法播放该场景：%1</translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot; (use light or dark)</source>
        <translation>未知主题“%1”（请使用 light 或 dark）</translation>
    </message>
    <message>
        <source>Open the store, or the evidence pack (folder or zip), at PATH read-only.</source>
        <translation>以只读方式打开 PATH 处的存储或证据包（文件夹或 zip）。</translation>
    </message>
    <message>
        <source>cannot create a temporary folder for the pack</source>
        <translation>无法为证据包创建临时文件夹</translation>
    </message>
    <message>
        <source>cannot review the evidence pack %1: %2</source>
        <translation>无法审阅证据包 %1：%2</translation>
    </message>
    <message>
        <source>The secret vault for feeds that name vault entries (default: $LAKEGUARD_VAULT, else vault.lgv in the configuration folder).</source>
        <translation>供引用保险库条目的数据源使用的密钥保险库（默认：$LAKEGUARD_VAULT，否则为配置文件夹中的 vault.lgv）。</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Verification shown: %1</source>
        <translation>显示的验证状态：%1</translation>
    </message>
    <message>
        <source>$LAKEGUARD_POLICY does not apply to an evidence pack: its own incident policy does</source>
        <translation>$LAKEGUARD_POLICY 不适用于证据包：适用的是证据包自带的事件策略</translation>
    </message>
    <message>
        <source>Upgrading the store %1 (%2 MB) to schema version %3.

This happens once and can take several minutes for millions of alerts. Please leave Lakeguard open until the console appears.</source>
        <translation>正在将存储 %1（%2 MB）升级到架构版本 %3。

此操作只进行一次，数百万条告警可能需要几分钟。请保持 Lakeguard 开启，直到控制台出现。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::App::MainWindow</name>
    <message>
        <source>Lakeguard — read-only review</source>
        <translation>Lakeguard — 只读审阅</translation>
    </message>
    <message>
        <source>Lakeguard</source>
        <translation>Lakeguard</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>态势总览</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Chains</source>
        <translation>区块链</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Lakeguard</source>
        <translation>关于 Lakeguard(&amp;A)</translation>
    </message>
    <message>
        <source>Read-only review: %1 — nothing in this store can be changed.</source>
        <translation>只读审阅：%1 — 此存储中的任何内容均不可更改。</translation>
    </message>
    <message>
        <source>Store: %1 (read-only)</source>
        <translation>存储：%1（只读）</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <source>The translation could not be loaded: %1</source>
        <translation>无法加载翻译：%1</translation>
    </message>
    <message>
        <source>Write failed: %1</source>
        <translation>写入失败：%1</translation>
    </message>
    <message>
        <source>Store unreadable</source>
        <translation>存储无法读取</translation>
    </message>
    <message>
        <source>%1 alerts</source>
        <translation>%1 条告警</translation>
    </message>
    <message>
        <source>%1 quarantined</source>
        <translation>已隔离 %1 条</translation>
    </message>
    <message>
        <source>Demo time %1</source>
        <translation>演示时间 %1</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Critical incident #%1: %2</source>
        <translation>严重事件 #%1：%2</translation>
    </message>
    <message>
        <source>Lakeguard: critical incident</source>
        <translation>Lakeguard：严重事件</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>The alert could not be read: %1</source>
        <translation>无法读取该告警：%1</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Present</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen for a projector: Space pauses, arrows step, +/− change the speed, Esc leaves.</source>
        <translation>投影全屏：空格键暂停或继续，方向键切换步骤，+/− 调整速度，Esc 退出。</translation>
    </message>
    <message>
        <source>Scenario caption</source>
        <translation>场景字幕</translation>
    </message>
    <message>
        <source>The scenario is starting…</source>
        <translation>场景即将开始…</translation>
    </message>
    <message>
        <source>No scenario is playing.</source>
        <translation>当前没有正在播放的场景。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Changes from other consoles will not appear by themselves: %1</source>
        <translation>其他控制台的更改不会自动显示：%1</translation>
    </message>
    <message>
        <source>&amp;Export evidence pack…</source>
        <translation>导出证据包(&amp;E)…</translation>
    </message>
    <message>
        <source>Evidence pack %1 FAILED verification (problems: %2); the first: %3. Shown read-only so it can be inspected.</source>
        <translation>证据包 %1 验证失败（问题数：%2）；第一个问题：%3。以只读方式显示，供检查。</translation>
    </message>
    <message>
        <source>Evidence pack %1, TLP:%2 — verified: all %3 records proven against checkpoint %4 (signed %5, key %6…). Read-only: nothing can be changed.</source>
        <translation>证据包 %1，TLP:%2 — 已验证：全部 %3 条记录均已对检查点 %4 完成证明（签名于 %5，密钥 %6…）。只读：任何内容都不能更改。</translation>
    </message>
    <message>
        <source>Incident #%1 could not be read: %2</source>
        <translation>无法读取事件 #%1：%2</translation>
    </message>
    <message>
        <source>Unlock the secret vault</source>
        <translation>解锁密钥保险库</translation>
    </message>
    <message>
        <source>Feeds name secrets kept in the vault %1. Enter its passphrase to start them; without it they stay down.</source>
        <translation>数据源引用了保险库 %1 中的密钥。请输入其口令以启动这些数据源；否则它们将保持停止状态。</translation>
    </message>
    <message>
        <source>Vault passphrase</source>
        <translation>保险库口令</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>The vault stays locked: feeds that need its secrets stay down.</source>
        <translation>保险库保持锁定：需要其密钥的数据源保持停止状态。</translation>
    </message>
    <message>
        <source>As of a &amp;Past Moment…</source>
        <translation>查看过去某一时刻(&amp;P)…</translation>
    </message>
    <message>
        <source>Show the Dashboard, Incidents and Chains as they were at a past moment (read-only)</source>
        <translation>以只读方式查看过去某一时刻的仪表盘、事件和区块链视图</translation>
    </message>
    <message>
        <source>Live updates from other consoles are back; all views were refreshed.</source>
        <translation>来自其他控制台的实时更新已恢复；所有视图已刷新。</translation>
    </message>
    <message>
        <source>Vault unlocked: the feeds that need it are starting.</source>
        <translation>密钥库已解锁：依赖它的数据源正在启动。</translation>
    </message>
    <message>
        <source>As cut: %1</source>
        <translation>证据包截取于：%1</translation>
    </message>
    <message>
        <source>Deadlines and risk are counted from the moment the pack was cut (its checkpoint), not from today.</source>
        <translation>报告期限与风险均按证据包截取的时刻（其检查点）计算，而非今天。</translation>
    </message>
    <message>
        <source>The pack carries no incident policy: risk is weighed by the built-in one, and may differ from what the site&apos;s console showed.</source>
        <translation>该证据包未携带事件策略：风险按内置策略加权，可能与现场控制台当时显示的不同。</translation>
    </message>
    <message>
        <source>Store &amp;maintenance…</source>
        <translation>存储维护(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Evidence::PackReview</name>
    <message>
        <source>policy.json: %1; risk is weighed by the built-in policy</source>
        <translation>policy.json：%1；风险按内置策略加权</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1 line %2: not a JSON object</source>
        <translation>%1 第 %2 行：不是 JSON 对象</translation>
    </message>
    <message>
        <source>manifest.json: record %1 %2: the encoding does not decode</source>
        <translation>manifest.json：记录 %1 %2：编码无法解码</translation>
    </message>
    <message>
        <source>manifest.json: %1 %2: %3</source>
        <translation>manifest.json：%1 %2：%3</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>manifest.json: not a JSON object</source>
        <translation>manifest.json：不是 JSON 对象</translation>
    </message>
    <message>
        <source>%1 exists already</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <source>alerts.jsonl: alert %1: %2</source>
        <translation>alerts.jsonl：告警 %1：%2</translation>
    </message>
    <message>
        <source>incidents.jsonl: incident %1: %2</source>
        <translation>incidents.jsonl：事件 %1：%2</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Feeds::EthRpcFeed</name>
    <message>
        <source>unknown chain kind &quot;%1&quot;</source>
        <translation>未知的链类型“%1”</translation>
    </message>
    <message>
        <source>store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <source>cannot read CA certificates from %1</source>
        <translation>无法从 %1 读取 CA 证书</translation>
    </message>
    <message>
        <source>tls_pin_sha256 needs https node URLs (%1 is not)</source>
        <translation>tls_pin_sha256 要求节点 URL 使用 https（%1 不是）</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Feeds::FileTailFeed</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot stat %1</source>
        <translation>无法获取 %1 的文件状态</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot;</source>
        <translation>未知格式“%1”</translation>
    </message>
    <message>
        <source>waiting for %1 to appear</source>
        <translation>正在等待 %1 出现</translation>
    </message>
    <message>
        <source>store: %1</source>
        <translation>存储：%1</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Feeds::HttpPollFeed</name>
    <message>
        <source>unknown format &quot;%1&quot;</source>
        <translation>未知格式“%1”</translation>
    </message>
    <message>
        <source>cannot read CA certificates from %1</source>
        <translation>无法从 %1 读取 CA 证书</translation>
    </message>
    <message>
        <source>response larger than %1 bytes</source>
        <translation>响应超过 %1 字节</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 返回 HTTP %1</translation>
    </message>
    <message>
        <source>store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <source>tls_pin_sha256 needs an https URL</source>
        <translation>tls_pin_sha256 要求使用 https URL</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Feeds::SyslogFeed</name>
    <message>
        <source>unknown format &quot;%1&quot;</source>
        <translation>未知格式“%1”</translation>
    </message>
    <message>
        <source>listen: %1</source>
        <translation>监听地址：%1</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA, EC or DSA)</source>
        <translation>%1 中没有未加密的 PEM 私钥（RSA、EC 或 DSA）</translation>
    </message>
    <message>
        <source>cannot listen on UDP %1: %2</source>
        <translation>无法在 UDP %1 上监听：%2</translation>
    </message>
    <message>
        <source>cannot listen on %1 %2: %3</source>
        <translation>无法在 %1 %2 上监听：%3</translation>
    </message>
    <message>
        <source>connection from %1 closed: %2</source>
        <translation>来自 %1 的连接已关闭：%2</translation>
    </message>
    <message>
        <source>store: %1</source>
        <translation>存储：%1</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Feeds::WebhookFeed</name>
    <message>
        <source>unknown format &quot;%1&quot;</source>
        <translation>未知格式“%1”</translation>
    </message>
    <message>
        <source>listen: %1</source>
        <translation>listen：%1</translation>
    </message>
    <message>
        <source>path must start with &quot;/&quot;</source>
        <translation>path 必须以“/”开头</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法监听 %1:%2：%3</translation>
    </message>
    <message>
        <source>backpressure: more requests wait for the store than the queue holds</source>
        <translation>背压：等待写入存储的请求超出队列容量</translation>
    </message>
    <message>
        <source>store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <source>%1; the webhook does not accept requests without authentication</source>
        <translation>%1；Webhook 不接受未经认证的请求</translation>
    </message>
    <message>
        <source>listening on %1 needs token_env or hmac_secret_env (or their _vault forms)</source>
        <translation>监听 %1 需要 token_env 或 hmac_secret_env（或对应的 _vault 形式）</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AboutDialog</name>
    <message>
        <source>About Lakeguard</source>
        <translation>关于 Lakeguard</translation>
    </message>
    <message>
        <source>Lakeguard %1</source>
        <translation>Lakeguard %1</translation>
    </message>
    <message>
        <source>A native console for financial-security monitoring: alerts, incidents, feeds and chain nodes in one tamper-evident store.</source>
        <translation>原生的金融安全监控控制台：告警、事件、数据源和链节点集中于一个防篡改的存储中。</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>许可证：</translation>
    </message>
    <message>
        <source>GNU General Public License, version 3 or later</source>
        <translation>GNU 通用公共许可证第 3 版或更高版本</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt：</translation>
    </message>
    <message>
        <source>SQLite:</source>
        <translation>SQLite：</translation>
    </message>
    <message>
        <source>OpenSSL:</source>
        <translation>OpenSSL：</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>存储：</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the version details</source>
        <translation>复制版本信息</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AlertDetailPanel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Event time</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>源 IP</translation>
    </message>
    <message>
        <source>Dest IP</source>
        <comment>destination IP address</comment>
        <translation>目的 IP</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Select an alert to see its details.</source>
        <translation>选择一条告警以查看详情。</translation>
    </message>
    <message>
        <source>No raw record</source>
        <translation>无原始记录</translation>
    </message>
    <message>
        <source>Raw record</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <source>%1 (UTC %2)</source>
        <translation>%1（UTC %2）</translation>
    </message>
    <message>
        <source>none</source>
        <comment>no incident</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>State</source>
        <comment>lifecycle state the source reports, e.g. firing or resolved</comment>
        <translation>状态</translation>
    </message>
    <message>
        <source>not reported</source>
        <comment>the source reports no lifecycle state</comment>
        <translation>未报告</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1，自 %2 起</translation>
    </message>
    <message>
        <source>Alert details</source>
        <translation>告警详情</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AlertTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Source IP</source>
        <translation>源 IP</translation>
    </message>
    <message>
        <source>Dest IP</source>
        <comment>destination IP address</comment>
        <translation>目的 IP</translation>
    </message>
    <message>
        <source>Event time in your local time zone; click to sort by time.</source>
        <translation>发生时间（本地时区）；单击按时间排序。</translation>
    </message>
    <message>
        <source>Click to sort by severity, then time.</source>
        <translation>单击按严重级别排序，同级按时间排序。</translation>
    </message>
    <message>
        <source>This column is not sortable: sort by Time or Severity.</source>
        <translation>此列不可排序：请按“时间”或“严重级别”排序。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AlertTableView</name>
    <message>
        <source>Position in all alerts</source>
        <translation>在全部告警中的位置</translation>
    </message>
    <message>
        <source>Alert %1 of %2</source>
        <comment>the store bar&apos;s tooltip while dragged</comment>
        <translation>第 %1 条告警，共 %2 条</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AlertsView</name>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>全部严重级别</translation>
    </message>
    <message>
        <source>%1 or worse</source>
        <comment>minimum severity</comment>
        <translation>%1及以上</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>最低严重级别</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>All feeds</source>
        <translation>全部数据源</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Search alerts (all words must match)…</source>
        <translation>搜索告警（须匹配全部关键词）…</translation>
    </message>
    <message>
        <source>Query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>%1 alerts</source>
        <translation>%1 条告警</translation>
    </message>
    <message>
        <source>Search alerts</source>
        <translation>搜索告警</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Newest first; arrows move between alerts, the details show beside the list.</source>
        <translation>最新的在前；方向键在告警之间移动，详情显示在列表旁。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::AsOfBar</name>
    <message>
        <source>Back to live</source>
        <translation>返回实时</translation>
    </message>
    <message>
        <source>Leave the past moment and show live data again (Esc)</source>
        <translation>离开过去时刻，重新显示实时数据（Esc）</translation>
    </message>
    <message>
        <source>−1 h</source>
        <translation>−1 小时</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 分钟</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <source>+1 h</source>
        <translation>+1 小时</translation>
    </message>
    <message>
        <source>One hour earlier</source>
        <translation>提前一小时</translation>
    </message>
    <message>
        <source>One minute earlier</source>
        <translation>提前一分钟</translation>
    </message>
    <message>
        <source>One minute later</source>
        <translation>推后一分钟</translation>
    </message>
    <message>
        <source>One hour later</source>
        <translation>推后一小时</translation>
    </message>
    <message>
        <source>Time scrubber</source>
        <translation>时间滑块</translation>
    </message>
    <message>
        <source>Left/Right: one minute; Page Up/Down: one hour; Esc: back to live</source>
        <translation>左/右键：一分钟；Page Up/Down：一小时；Esc：返回实时</translation>
    </message>
    <message>
        <source>Moment to show</source>
        <translation>要查看的时刻</translation>
    </message>
    <message>
        <source>Viewing the store as of %1 — read-only</source>
        <translation>正在查看 %1 时的存储状态 — 只读</translation>
    </message>
    <message>
        <source>As of %1 applies to the Dashboard, Incidents and Chains; this page shows live data</source>
        <translation>“%1 时的状态”仅适用于仪表盘、事件和区块链视图；本页显示实时数据</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::ChainChart</name>
    <message>
        <source>Block height</source>
        <translation>区块高度</translation>
    </message>
    <message>
        <source>Block interval (s)</source>
        <translation>出块间隔（秒）</translation>
    </message>
    <message>
        <source>A line per node: the chain height each node reported over time.</source>
        <translation>每个节点一条线：各节点随时间报告的链高度。</translation>
    </message>
    <message>
        <source>Block interval</source>
        <translation>出块间隔</translation>
    </message>
    <message>
        <source>A line per node: seconds between consecutive blocks over time.</source>
        <translation>每个节点一条线：相邻区块之间的秒数随时间的变化。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::ChainNodeCard</name>
    <message>
        <source>Height</source>
        <translation>区块高度</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>最新区块</translation>
    </message>
    <message>
        <source>Block age</source>
        <translation>距最新区块</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>对等节点</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Lag (blocks)</source>
        <translation>落后区块数</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>block height</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>block hash</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>block age in seconds</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>block age</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>n/a</source>
        <comment>peer count not reported</comment>
        <translation>未报告</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>n/a</source>
        <comment>latency not measured</comment>
        <translation>未测量</translation>
    </message>
    <message>
        <source>%1, syncing</source>
        <translation>%1，同步中</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::ChainsView</name>
    <message>
        <source>Chain nodes</source>
        <translation>区块链节点</translation>
    </message>
    <message>
        <source>Chain alerts</source>
        <translation>区块链告警</translation>
    </message>
    <message>
        <source>No chain nodes are monitored in this store.</source>
        <translation>此存储中没有受监控的区块链节点。</translation>
    </message>
    <message>
        <source>%1 of %2 nodes healthy · observed %3</source>
        <translation>%2 个节点中 %1 个正常 · 观测于 %3</translation>
    </message>
    <message>
        <source>Could not read the store: %1</source>
        <translation>无法读取存储：%1</translation>
    </message>
    <message>
        <source>Add node…</source>
        <translation>添加节点…</translation>
    </message>
    <message>
        <source>Adds a node to the chain feeds in %1</source>
        <translation>将节点添加到 %1 中的链数据源</translation>
    </message>
    <message>
        <source>Add chain node</source>
        <translation>添加链节点</translation>
    </message>
    <message>
        <source>Ethereum JSON-RPC</source>
        <translation>以太坊 JSON-RPC</translation>
    </message>
    <message>
        <source>FISCO BCOS</source>
        <translation>FISCO BCOS</translation>
    </message>
    <message>
        <source>Hyperledger Fabric (operations service)</source>
        <translation>Hyperledger Fabric（运维服务）</translation>
    </message>
    <message>
        <source>Chain feed id</source>
        <translation>链数据源 ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Node URL</source>
        <translation>节点 URL</translation>
    </message>
    <message>
        <source>Nodes can be added when the console runs its feeds.</source>
        <translation>控制台运行数据源时才能添加节点。</translation>
    </message>
    <message>
        <source>The node is saved in %1 and watched from now on; a new id adds a chain feed.</source>
        <translation>节点将保存到 %1 并立即开始监控；填写新的 ID 会新增一个链数据源。</translation>
    </message>
    <message>
        <source>One card per monitored node: state, height, lag, peers and latency.</source>
        <translation>每个受监控节点一张卡片：状态、高度、落后、对等节点和延迟。</translation>
    </message>
    <message>
        <source>An evidence pack carries the records it was cut for and their proofs, not the status of chain nodes.</source>
        <translation>证据包只包含导出时选定的记录及其证明，不包含区块链节点的状态。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::DashboardView</name>
    <message>
        <source>Waiting for data…</source>
        <translation>正在等待数据…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>态势总览</translation>
    </message>
    <message>
        <source>Alerts (all time)</source>
        <translation>累计告警</translation>
    </message>
    <message>
        <source>Critical + high (24 h)</source>
        <translation>严重 + 高（24 小时）</translation>
    </message>
    <message>
        <source>Quarantined records</source>
        <translation>隔离区记录</translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未关闭事件</translation>
    </message>
    <message>
        <source>Alerts by severity over time</source>
        <translation>各严重级别告警趋势</translation>
    </message>
    <message>
        <source>Alerts by category (24 h)</source>
        <translation>告警类别分布（24 小时）</translation>
    </message>
    <message>
        <source>Top entities by risk</source>
        <translation>高风险实体排行</translation>
    </message>
    <message>
        <source>Risk over time</source>
        <translation>风险趋势</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Could not read the store: %1</source>
        <translation>无法读取存储：%1</translation>
    </message>
    <message>
        <source>No alerts yet.</source>
        <translation>暂无告警。</translation>
    </message>
    <message>
        <source>%1 critical, %2 high</source>
        <translation>严重 %1，高 %2</translation>
    </message>
    <message>
        <source>24 hours ending at the newest alert: %1 – %2</source>
        <translation>截至最新告警的 24 小时：%1 – %2</translation>
    </message>
    <message>
        <source>of %1 alerts in the window</source>
        <translation>窗口内共 %1 条告警</translation>
    </message>
    <message>
        <source>Stacked areas: alerts per time bucket by severity.</source>
        <translation>堆叠面积图：按严重程度统计每个时间段的告警数。</translation>
    </message>
    <message>
        <source>Horizontal bars: alerts per category in the last 24 hours.</source>
        <translation>横向条形图：最近 24 小时内各类别的告警数。</translation>
    </message>
    <message>
        <source>A line: the global risk score (0–100) over time.</source>
        <translation>折线图：全局风险分（0–100）随时间的变化。</translation>
    </message>
    <message>
        <source>The busiest bucket has %1 alerts.</source>
        <translation>最繁忙的时间段有 %1 条告警。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>As of %1: the 24 hours before — %2 – %3</source>
        <translation>截至 %1：此前 24 小时 — %2 – %3</translation>
    </message>
    <message>
        <source>Now %1 (%2).</source>
        <translation>当前 %1（%2）。</translation>
    </message>
    <message>
        <source>No entity is at risk: no open incident names one.</source>
        <translation>暂无风险实体：没有涉及实体的未关闭事件。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::EvidenceExportDialog</name>
    <message>
        <source>Choose a folder for the pack.</source>
        <translation>请为证据包选择一个文件夹。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Wrote %1: %2 alerts, %3 audit entries, marked TLP:%4; checkpoint %5 (tree size %6). Check it with: lakeguard-cli verify-pack &quot;%1&quot;</source>
        <translation>已写入 %1：%2 条告警，%3 条审计记录，标记为 TLP:%4；检查点 %5（树大小 %6）。校验命令：lakeguard-cli verify-pack &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Folder for the evidence pack</source>
        <translation>证据包文件夹</translation>
    </message>
    <message>
        <source>Export evidence pack</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>Every alert of the period, the audit trail of their incidents, a report and a signed manifest. A checkpoint is signed first; the pack is cut from it.</source>
        <translation>该时段的全部告警、相关事件的审计记录、一份报告和一份已签名的清单。导出前先签署一个检查点，证据包以此为准。</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始：</translation>
    </message>
    <message>
        <source>Until:</source>
        <translation>截止：</translation>
    </message>
    <message>
        <source>Incidents %1: their alerts and audit trail, a report and a signed manifest. A checkpoint is signed first; the pack is cut from it.</source>
        <translation>事件 %1：其告警和审计记录、一份报告和一份已签名的清单。导出前先签署一个检查点，证据包以此为准。</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Also write a zip file beside it</source>
        <translation>同时在旁边生成 zip 文件</translation>
    </message>
    <message>
        <source>TLP marking:</source>
        <translation>TLP 标记：</translation>
    </message>
    <message>
        <source>Automatic (the highest record)</source>
        <translation>自动（取记录中的最高级别）</translation>
    </message>
    <message>
        <source>Leave out records above:</source>
        <translation>排除高于此级别的记录：</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>Report language:</source>
        <translation>报告语言：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::FeedEditDialog</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Add feed</source>
        <translation>添加数据源</translation>
    </message>
    <message>
        <source>Edit feed %1</source>
        <translation>编辑数据源 %1</translation>
    </message>
    <message>
        <source>Feed id</source>
        <translation>数据源 ID</translation>
    </message>
    <message>
        <source>letters, digits and . _ : -</source>
        <translation>字母、数字及 . _ : -</translation>
    </message>
    <message>
        <source>Feed type</source>
        <translation>数据源类型</translation>
    </message>
    <message>
        <source>Record format</source>
        <translation>记录格式</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>ID(&amp;I)：</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Connection test passed:
%1</source>
        <translation>连接测试通过：
%1</translation>
    </message>
    <message>
        <source>Connection test failed:
%1</source>
        <translation>连接测试失败：
%1</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>* required. Secrets are never stored: name environment variables or vault entries instead.</source>
        <translation>* 为必填项。密钥从不保存：请填写环境变量名或保险库条目名。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::FeedTableModel</name>
    <message>
        <source>never</source>
        <comment>feed last event</comment>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last event</source>
        <translation>最近记录</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已入库</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::FeedsView</name>
    <message>
        <source>Feeds</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Records by feed</source>
        <translation>各数据源记录</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已入库</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>No feed has delivered anything to this store yet.</source>
        <translation>尚无数据源向此存储提交数据。</translation>
    </message>
    <message>
        <source>%1 of %2 feeds healthy · %3 records received</source>
        <translation>%2 个数据源中 %1 个正常 · 已接收 %3 条记录</translation>
    </message>
    <message>
        <source>Could not read the store: %1</source>
        <translation>无法读取存储：%1</translation>
    </message>
    <message>
        <source>&amp;Add feed…</source>
        <translation>添加数据源(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Add a feed to FEEDS.json and start it</source>
        <translation>向 FEEDS.json 添加数据源并启动</translation>
    </message>
    <message>
        <source>Change the selected feed&apos;s settings; it restarts with them</source>
        <translation>修改所选数据源的设置；数据源将以新设置重启</translation>
    </message>
    <message>
        <source>Stop the selected feed; it stays paused after a restart</source>
        <translation>停止所选数据源；重启后仍保持暂停</translation>
    </message>
    <message>
        <source>Start the selected paused feed again from where it stopped</source>
        <translation>从停止处重新启动所选的已暂停数据源</translation>
    </message>
    <message>
        <source>Check that the selected feed&apos;s source can be reached</source>
        <translation>检查所选数据源的来源是否可达</translation>
    </message>
    <message>
        <source>Stop the selected feed and remove it from FEEDS.json (its alerts stay)</source>
        <translation>停止所选数据源并从 FEEDS.json 中移除（其告警保留）</translation>
    </message>
    <message>
        <source>Connection test passed: %1</source>
        <translation>连接测试通过：%1</translation>
    </message>
    <message>
        <source>Connection test failed: %1</source>
        <translation>连接测试失败：%1</translation>
    </message>
    <message>
        <source>Select a feed first</source>
        <translation>请先选择一个数据源</translation>
    </message>
    <message>
        <source>Feed %1 is not in %2 (it was ingested or is the demo)</source>
        <translation>数据源 %1 不在 %2 中（它来自导入或演示）</translation>
    </message>
    <message>
        <source>Feed %1 added to %2</source>
        <translation>数据源 %1 已添加到 %2</translation>
    </message>
    <message>
        <source>Feed %1 saved and restarted</source>
        <translation>数据源 %1 已保存并重启</translation>
    </message>
    <message>
        <source>Feed %1 paused</source>
        <translation>数据源 %1 已暂停</translation>
    </message>
    <message>
        <source>Feed %1 resumed</source>
        <translation>数据源 %1 已恢复</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>Remove feed</source>
        <translation>移除数据源</translation>
    </message>
    <message>
        <source>Stop feed %1 and remove it from %2? Its alerts stay in the store.</source>
        <translation>停止数据源 %1 并将其从 %2 中移除？其告警仍保留在存储中。</translation>
    </message>
    <message>
        <source>Feed %1 removed</source>
        <translation>数据源 %1 已移除</translation>
    </message>
    <message>
        <source>Stacked bars per feed: records accepted, duplicates, quarantined and skipped; the same counts are in the table&apos;s columns.</source>
        <translation>每个数据源一条堆叠条形：已接收、重复、隔离和跳过的记录数；表格各列中有相同的计数。</translation>
    </message>
    <message>
        <source>An evidence pack carries the records it was cut for and their proofs, not the feeds&apos; statistics.</source>
        <translation>证据包只包含导出时选定的记录及其证明，不包含数据源的统计。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::ForkView</name>
    <message>
        <source>Block hash</source>
        <translation>区块哈希</translation>
    </message>
    <message>
        <source>Nodes following it</source>
        <translation>跟随该区块的节点</translation>
    </message>
    <message numerus="yes">
        <source>Fork on %1 at height %2: %n competing block(s)</source>
        <translation>
            <numerusform>%1 在高度 %2 处分叉：%n 个相互竞争的区块</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::IncidentTableModel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>in %1</source>
        <comment>deadline countdown</comment>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>New</source>
        <comment>incident status</comment>
        <translation>新建</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>False positive</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>%1 (awaiting approval: %2)</source>
        <translation>%1（待审批：%2）</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警数</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>报告期限</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <comment>deadline passed</comment>
        <translation>逾期 %1</translation>
    </message>
    <message>
        <source>%1
Stored as: %2</source>
        <translation>%1
存储原文：%2</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::IncidentsView</name>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Investigate</source>
        <translation>调查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>解决(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;False positive</source>
        <translation>误报(&amp;F)</translation>
    </message>
    <message>
        <source>R&amp;eopen</source>
        <translation>重新打开(&amp;E)</translation>
    </message>
    <message>
        <source>A&amp;pprove close</source>
        <translation>批准关闭(&amp;P)</translation>
    </message>
    <message>
        <source>Assign &amp;owner…</source>
        <translation>指派负责人(&amp;O)…</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重级别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Suppression</source>
        <translation>抑制</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Open incidents</source>
        <translation>未关闭事件</translation>
    </message>
    <message>
        <source>All incidents</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>任意严重级别</translation>
    </message>
    <message>
        <source>%1 and above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <source>Search title or entity</source>
        <translation>搜索标题或实体</translation>
    </message>
    <message>
        <source>%1 (key %2) — applies to every selected incident</source>
        <translation>%1（按键 %2）— 作用于所有选中的事件</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Add a note (plain text; links are shown, never opened)</source>
        <translation>添加备注（纯文本；链接仅显示，不会打开）</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>原值 → 新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No incident selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <source>Assign owner</source>
        <translation>指派负责人</translation>
    </message>
    <message numerus="yes">
        <source>Owner of %n incident(s) (empty: unassign):</source>
        <translation>
            <numerusform>%n 个事件的负责人（留空表示取消指派）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Note for %n incident(s):</source>
        <translation>
            <numerusform>%n 个事件的备注：</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1: %2</source>
        <translation>#%1：%2</translation>
    </message>
    <message>
        <source>#%1 refused: %2</source>
        <translation>#%1 被拒绝：%2</translation>
    </message>
    <message>
        <source>#%1 waits for approval by a second officer</source>
        <translation>#%1 等待另一名人员审批</translation>
    </message>
    <message>
        <source>#%1 done</source>
        <translation>#%1 已完成</translation>
    </message>
    <message>
        <source>Severity: %1%2</source>
        <translation>严重级别：%1%2</translation>
    </message>
    <message>
        <source> (set by an officer)</source>
        <translation>（由人员设定）</translation>
    </message>
    <message>
        <source>%1, awaiting approval of “%2” asked by %3</source>
        <translation>%1，等待审批“%2”（由 %3 申请）</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>负责人：%1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Alerts: %1, first %2, last %3</source>
        <translation>告警：%1 条，首次 %2，最近 %3</translation>
    </message>
    <message>
        <source>Risk: %1</source>
        <translation>风险：%1</translation>
    </message>
    <message>
        <source>Reporting deadline: %1 (%2)</source>
        <translation>报告期限：%1（%2）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>%1  alert · %2 · %3</source>
        <translation>%1  告警 · %2 · %3</translation>
    </message>
    <message>
        <source>%1  %2 · %3: %4 → %5</source>
        <translation>%1  %2 · %3：%4 → %5</translation>
    </message>
    <message>
        <source>%1 — %2:
%3</source>
        <translation>%1 — %2：
%3</translation>
    </message>
    <message>
        <source>Export evidence pack…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>A signed evidence pack of the selected incidents: report, alerts, audit trail</source>
        <translation>所选事件的已签名证据包：报告、告警、审计记录</translation>
    </message>
    <message>
        <source>Incidents shown</source>
        <translation>显示的事件</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>最低严重程度</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Select one or more incidents; the action keys apply to every selected incident.</source>
        <translation>选择一个或多个事件；操作键作用于每个选中的事件。</translation>
    </message>
    <message>
        <source>Incident details</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Alerts of the incident</source>
        <translation>该事件的告警</translation>
    </message>
    <message>
        <source>Incident timeline</source>
        <translation>事件时间线</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>新备注</translation>
    </message>
    <message>
        <source>Read-only: the incidents as they were at %1.</source>
        <translation>只读：%1 时的事件状态。</translation>
    </message>
    <message>
        <source>Incident details &amp;beside the list</source>
        <translation>事件详情显示在列表右侧(&amp;B)</translation>
    </message>
    <message>
        <source>Show the selected incident beside the list instead of below it</source>
        <translation>在列表右侧而不是下方显示所选事件</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::RiskGauge</name>
    <message>
        <source>Global risk</source>
        <translation>全局风险</translation>
    </message>
    <message>
        <source>Global risk (0–100)</source>
        <translation>全局风险（0–100）</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::StoreMaintenanceDialog</name>
    <message>
        <source>Backed up to %1 (%2). Open it with lakeguard --review, or check it with lakeguard-cli --store FILE verify.</source>
        <translation>已备份到 %1（%2）。可用 lakeguard --review 打开，或用 lakeguard-cli --store FILE verify 校验。</translation>
    </message>
    <message>
        <source>The backup to %1 failed: %2</source>
        <translation>备份到 %1 失败：%2</translation>
    </message>
    <message>
        <source>Compacted in %1 s: %2 before, %3 after.</source>
        <translation>压缩完成，用时 %1 秒：压缩前 %2，压缩后 %3。</translation>
    </message>
    <message>
        <source>A reader still holds the write-ahead log; it shrinks once that reader is done.</source>
        <translation>仍有读取方占用预写日志；该读取结束后日志才会缩小。</translation>
    </message>
    <message>
        <source>Compacting failed: %1</source>
        <translation>压缩失败：%1</translation>
    </message>
    <message>
        <source>Reading the store&apos;s size…</source>
        <translation>正在读取存储大小…</translation>
    </message>
    <message>
        <source>The store&apos;s size cannot be read: %1</source>
        <translation>无法读取存储大小：%1</translation>
    </message>
    <message>
        <source>Size: %1 (write-ahead log: %2). Free space inside it: %3. Free on the disk: %4.</source>
        <translation>大小：%1（预写日志：%2）。其中空闲空间：%3。磁盘可用空间：%4。</translation>
    </message>
    <message>
        <source>Back up the store to</source>
        <translation>将存储备份到</translation>
    </message>
    <message>
        <source>Lakeguard stores (*.db);;All files (*)</source>
        <translation>Lakeguard 存储 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>正在备份到 %1…</translation>
    </message>
    <message>
        <source>Compact the store</source>
        <translation>压缩存储</translation>
    </message>
    <message>
        <source>Compacting rewrites the whole store. New alerts wait in their feeds until it is done, which can take minutes for a large store, and it needs free disk space as large as the store. Nothing stored changes, and verification still passes.</source>
        <translation>压缩会重写整个存储。完成之前，新告警在各自的数据源中等待；大型存储可能需要数分钟，并且需要与存储同样大小的磁盘空闲空间。已存储的内容不会改变，校验仍会通过。</translation>
    </message>
    <message>
        <source>Compact</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Compacting… New alerts wait in their feeds until it is done.</source>
        <translation>正在压缩… 完成之前，新告警在各自的数据源中等待。</translation>
    </message>
    <message>
        <source>Please wait until it is done.</source>
        <translation>请等待其完成。</translation>
    </message>
    <message>
        <source>Store maintenance</source>
        <translation>存储维护</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copies the store into a new file with SQLite&apos;s online backup: one consistent snapshot, taken while the feeds go on writing.</source>
        <translation>使用 SQLite 在线备份将存储复制到新文件：一个一致的快照，数据源在此期间照常写入。</translation>
    </message>
    <message>
        <source>&amp;Back up to…</source>
        <translation>备份到(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Compact now…</source>
        <translation>立即压缩(&amp;C)…</translation>
    </message>
    <message>
        <source>This is a PostgreSQL store: PostgreSQL&apos;s own tools back it up (pg_dump) and compact it (autovacuum).</source>
        <translation>这是 PostgreSQL 存储：由 PostgreSQL 自己的工具备份（pg_dump）和压缩（autovacuum）。</translation>
    </message>
    <message>
        <source>Not in a read-only review: compacting rewrites the store&apos;s file.</source>
        <translation>只读审阅中不可用：压缩会重写存储文件。</translation>
    </message>
    <message>
        <source>Rewrites the store without its free space, so the file shrinks after a prune. New alerts wait in their feeds meanwhile.</source>
        <translation>重写存储并去除其中的空闲空间，使清理后的文件变小。在此期间新告警在各自的数据源中等待。</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::Theme</name>
    <message>
        <source>Healthy</source>
        <comment>chain node state</comment>
        <translation>正常</translation>
    </message>
    <message>
        <source>Lagging</source>
        <comment>chain node state</comment>
        <translation>滞后</translation>
    </message>
    <message>
        <source>Stalled</source>
        <comment>chain node state</comment>
        <translation>停滞</translation>
    </message>
    <message>
        <source>Forked</source>
        <comment>chain node state</comment>
        <translation>分叉</translation>
    </message>
    <message>
        <source>Down</source>
        <comment>chain node state</comment>
        <translation>宕机</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>chain node state</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>Starting</source>
        <comment>feed state</comment>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Healthy</source>
        <comment>feed state</comment>
        <translation>正常</translation>
    </message>
    <message>
        <source>Degraded</source>
        <comment>feed state</comment>
        <translation>降级</translation>
    </message>
    <message>
        <source>Down</source>
        <comment>feed state</comment>
        <translation>中断</translation>
    </message>
    <message>
        <source>Paused</source>
        <comment>feed state</comment>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Stopped</source>
        <comment>feed state</comment>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>risk band</comment>
        <translation>低</translation>
    </message>
    <message>
        <source>Guarded</source>
        <comment>risk band</comment>
        <translation>关注</translation>
    </message>
    <message>
        <source>Elevated</source>
        <comment>risk band</comment>
        <translation>较高</translation>
    </message>
    <message>
        <source>High</source>
        <comment>risk band</comment>
        <translation>高</translation>
    </message>
    <message>
        <source>Severe</source>
        <comment>risk band</comment>
        <translation>严重</translation>
    </message>
    <message>
        <source>Syncing</source>
        <comment>chain node state</comment>
        <translation>同步中</translation>
    </message>
    <message>
        <source>Wrong chain</source>
        <comment>chain node state</comment>
        <translation>链不匹配</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::TimelinePage</name>
    <message>
        <source>Period:</source>
        <translation>时间段：</translation>
    </message>
    <message>
        <source>Whole store</source>
        <translation>整个存储</translation>
    </message>
    <message>
        <source>Last 24 hours of data</source>
        <translation>数据的最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days of data</source>
        <translation>数据的最近 7 天</translation>
    </message>
    <message>
        <source>One incident</source>
        <translation>单个事件</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Incident number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Lanes:</source>
        <translation>分道：</translation>
    </message>
    <message>
        <source>By feed</source>
        <translation>按数据源</translation>
    </message>
    <message>
        <source>By entity</source>
        <translation>按实体</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>分道</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重级别：</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Low and above</source>
        <translation>低及以上</translation>
    </message>
    <message>
        <source>Medium and above</source>
        <translation>中及以上</translation>
    </message>
    <message>
        <source>High and above</source>
        <translation>高及以上</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>最低严重级别</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Kinds of items shown</source>
        <translation>显示的条目类型</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>筛选文本</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大 (+)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>缩小 (−)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全览</translation>
    </message>
    <message>
        <source>Show the whole period (0)</source>
        <translation>显示整个时间段 (0)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Wheel or +/− zoom, Left/Right pan, 0 fits, Up/Down select items, Enter opens.</source>
        <translation>滚轮或 +/− 缩放，左/右键平移，0 全览，上/下键选择条目，回车键打开。</translation>
    </message>
    <message>
        <source>Selected item</source>
        <translation>所选条目</translation>
    </message>
    <message>
        <source>Click an item or a bar to see it here.</source>
        <translation>点击条目或柱条，在此查看详情。</translation>
    </message>
    <message>
        <source>Open alert</source>
        <translation>打开告警</translation>
    </message>
    <message>
        <source>Open incident</source>
        <translation>打开事件</translation>
    </message>
    <message>
        <source>No incident with this number.</source>
        <translation>没有此编号的事件。</translation>
    </message>
    <message>
        <source>Could not read the store: %1</source>
        <translation>无法读取存储：%1</translation>
    </message>
    <message>
        <source>%1 items in view, counted per %2; zoom in to see them one by one.</source>
        <translation>视图中有 %1 个条目，按每 %2 计数；放大可逐条查看。</translation>
    </message>
    <message>
        <source>%1 items in view.</source>
        <translation>视图中有 %1 个条目。</translation>
    </message>
    <message>
        <source>Lane: %1</source>
        <translation>分道：%1</translation>
    </message>
    <message>
        <source>Alert #%1: %2</source>
        <translation>告警 #%1：%2</translation>
    </message>
    <message>
        <source>Severity: %1</source>
        <translation>严重级别：%1</translation>
    </message>
    <message>
        <source>Feed: %1</source>
        <translation>数据源：%1</translation>
    </message>
    <message>
        <source>Entity: %1</source>
        <translation>实体：%1</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>规则：%1</translation>
    </message>
    <message>
        <source>Message: %1</source>
        <translation>消息：%1</translation>
    </message>
    <message>
        <source>Alert #%1 (%2) is now: %3</source>
        <translation>告警 #%1（%2）现为：%3</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>By: %1</source>
        <translation>操作人：%1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Change: %1: %2 → %3</source>
        <translation>变更：%1：%2 → %3</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Node %1 on %2</source>
        <translation>%2 上的节点 %1</translation>
    </message>
    <message>
        <source>Height %1, %2 blocks behind, latency %3 ms</source>
        <translation>高度 %1，落后 %2 个区块，延迟 %3 毫秒</translation>
    </message>
    <message>
        <source>%1 items in %2</source>
        <translation>%2 中有 %1 个条目</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Worst severity: %1</source>
        <translation>最高严重级别：%1</translation>
    </message>
    <message>
        <source>Double-click the bar or press Enter to zoom in.</source>
        <translation>双击柱条或按回车键放大。</translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>time step</comment>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>time step</comment>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>time step</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Show the whole period</source>
        <translation>显示整个时间段</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::TimelineView</name>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Other lanes</source>
        <translation>其他分道</translation>
    </message>
    <message>
        <source>Chain %1</source>
        <translation>链 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alert state change</source>
        <translation>告警状态变化</translation>
    </message>
    <message>
        <source>Incident change</source>
        <translation>事件变更</translation>
    </message>
    <message>
        <source>Incident note</source>
        <translation>事件备注</translation>
    </message>
    <message>
        <source>Chain alert</source>
        <translation>链告警</translation>
    </message>
    <message>
        <source>Chain observation</source>
        <translation>链观测</translation>
    </message>
    <message>
        <source>Nothing in this period.</source>
        <translation>此时间段内没有内容。</translation>
    </message>
    <message>
        <source>%1 items from %2, worst %3</source>
        <translation>自 %2 起 %1 个条目，最高 %3</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::TopEntitiesModel</name>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Worst</source>
        <comment>worst severity</comment>
        <translation>最高级别</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
</context>
<context>
    <name>Lakeguard::Widgets::VerificationIndicator</name>
    <message>
        <source>Not verified yet</source>
        <translation>尚未校验</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Pack verified · %1 records · checkpoint %2</source>
        <translation>证据包已校验 · %1 条记录 · 检查点 %2</translation>
    </message>
    <message>
        <source>Verified · %1 records · checkpoint %2</source>
        <translation>已校验 · %1 条记录 · 检查点 %2</translation>
    </message>
    <message>
        <source>Verified · %1 records · no checkpoint yet</source>
        <translation>已校验 · %1 条记录 · 尚无检查点</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>校验失败：%1</translation>
    </message>
    <message>
        <source>Cannot verify the store</source>
        <translation>无法校验存储</translation>
    </message>
    <message>
        <source>Click for the details.</source>
        <translation>点击查看详情。</translation>
    </message>
    <message>
        <source>Store verification</source>
        <translation>存储校验</translation>
    </message>
    <message>
        <source>Verified: every record matches its leaf hash and every checkpoint&apos;s root and signature.</source>
        <translation>已校验：每条记录都与其叶哈希一致，每个检查点的根哈希和签名均有效。</translation>
    </message>
    <message>
        <source>FAILED: the store was changed outside Lakeguard.</source>
        <translation>失败：存储在 Lakeguard 之外被修改。</translation>
    </message>
    <message>
        <source>The check could not run: %1</source>
        <translation>无法执行校验：%1</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Records proven:</source>
        <translation>已证明的记录：</translation>
    </message>
    <message>
        <source>Root hash:</source>
        <translation>根哈希：</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>#%1 · %2 records · signed %3</source>
        <translation>#%1 · %2 条记录 · 签名于 %3</translation>
    </message>
    <message>
        <source>Public key fingerprint:</source>
        <translation>公钥指纹：</translation>
    </message>
    <message>
        <source>First problem:</source>
        <translation>第一个问题：</translation>
    </message>
    <message>
        <source>Records:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <source>Checked in the last run:</source>
        <translation>上次校验检查了：</translation>
    </message>
    <message>
        <source>%1 new records (from record %2)</source>
        <translation>%1 条新记录（从第 %2 条起）</translation>
    </message>
    <message>
        <source>all %1 records</source>
        <translation>全部 %1 条记录</translation>
    </message>
    <message>
        <source>Last checkpoint:</source>
        <translation>最近的检查点：</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>Signed records:</source>
        <translation>已签名的记录：</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Pruned:</source>
        <translation>已清理：</translation>
    </message>
    <message>
        <source>%1 records by %2 signed prune records</source>
        <translation>%1 条记录，由 %2 条已签名的清理记录移除</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>&amp;Verify every record again</source>
        <translation>重新校验全部记录(&amp;V)</translation>
    </message>
    <message>
        <source>Verify every record again</source>
        <translation>重新校验全部记录</translation>
    </message>
</context>
<context>
    <name>LakeguardCli</name>
    <message>
        <source>read records, normalise and store them</source>
        <translation>读取记录，规范化后写入存储</translation>
    </message>
    <message>
        <source>list alerts, newest first</source>
        <translation>列出告警，最新的在前</translation>
    </message>
    <message>
        <source>counts by severity, category, incidents, quarantine</source>
        <translation>按严重级别、类别、事件和隔离区统计数量</translation>
    </message>
    <message>
        <source>records kept aside: feed, reason, raw bytes</source>
        <translation>隔离区中的记录：数据源、原因、原始字节</translation>
    </message>
    <message>
        <source>latest status of every chain node</source>
        <translation>每个区块链节点的最新状态</translation>
    </message>
    <message>
        <source>run the built-in scenario headless into the store</source>
        <translation>以无界面方式将内置场景写入存储</translation>
    </message>
    <message>
        <source>Usage: %1 [--store PATH] [--json] COMMAND [OPTIONS]

Lakeguard&apos;s headless console: ingest, query and check the store.

Commands:
</source>
        <translation>用法：%1 [--store PATH] [--json] COMMAND [OPTIONS]

Lakeguard 无界面控制台：导入、查询和检查存储。

命令：
</translation>
    </message>
    <message>
        <source>The store.</source>
        <translation>存储。</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>机器可读的输出。</translation>
    </message>
    <message>
        <source>Show help.</source>
        <translation>显示帮助。</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not an ISO 8601 time</source>
        <translation>--%1：“%2”不是 ISO 8601 时间</translation>
    </message>
    <message>
        <source>Input format.</source>
        <translation>输入格式。</translation>
    </message>
    <message>
        <source>Feed id to record (default: file:NAME or stdin).</source>
        <translation>记录所用的数据源 ID（默认：file:NAME 或 stdin）。</translation>
    </message>
    <message>
        <source>Exit 1 when any record was quarantined.</source>
        <translation>有任何记录被隔离时以状态 1 退出。</translation>
    </message>
    <message>
        <source>Files to read; - for standard input.</source>
        <translation>要读取的文件；- 表示标准输入。</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (known: %2)</source>
        <translation>未知格式“%1”（支持：%2）</translation>
    </message>
    <message>
        <source>no input: name files, or - for standard input</source>
        <translation>没有输入：请指定文件，或用 - 表示标准输入</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1: not a readable file</source>
        <translation>%1：不是可读文件</translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation>无法读取标准输入</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) quarantined; see &apos;%1 quarantine&apos;</source>
        <translation>
            <numerusform>%n 条记录已隔离；请查看“%1 quarantine”</numerusform>
        </translation>
    </message>
    <message>
        <source>Only alerts at or after T.</source>
        <translation>仅显示 T 及之后的告警。</translation>
    </message>
    <message>
        <source>Only alerts before T.</source>
        <translation>仅显示 T 之前的告警。</translation>
    </message>
    <message>
        <source>Lowest severity.</source>
        <translation>最低严重级别。</translation>
    </message>
    <message>
        <source>Category (repeatable).</source>
        <translation>类别（可重复指定）。</translation>
    </message>
    <message>
        <source>Rule id.</source>
        <translation>规则 ID。</translation>
    </message>
    <message>
        <source>Feed id.</source>
        <translation>数据源 ID。</translation>
    </message>
    <message>
        <source>Full-text search.</source>
        <translation>全文搜索。</translation>
    </message>
    <message>
        <source>At most N alerts (default 100; 0 = all).</source>
        <translation>最多 N 条告警（默认 100；0 表示全部）。</translation>
    </message>
    <message>
        <source>Usage: %1
</source>
        <translation>用法：%1
</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>意外的参数“%1”</translation>
    </message>
    <message>
        <source>unknown severity &quot;%1&quot; (info, low, medium, high, critical)</source>
        <translation>未知的严重级别“%1”（info、low、medium、high、critical）</translation>
    </message>
    <message>
        <source>unknown category &quot;%1&quot; (%2)</source>
        <translation>未知类别“%1”（%2）</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; is not a count</source>
        <translation>--limit：“%1”不是有效数量</translation>
    </message>
    <message>
        <source>Usage: %1 stats [--json]
</source>
        <translation>用法：%1 stats [--json]
</translation>
    </message>
    <message>
        <source>Store:        %1</source>
        <translation>存储：        %1</translation>
    </message>
    <message>
        <source>Alerts:       %1</source>
        <translation>告警：        %1</translation>
    </message>
    <message>
        <source>Period:       %1 – %2</source>
        <translation>时间范围：    %1 – %2</translation>
    </message>
    <message>
        <source>By severity:</source>
        <translation>按严重级别：</translation>
    </message>
    <message>
        <source>By category:</source>
        <translation>按类别：</translation>
    </message>
    <message>
        <source>Open incidents: %1</source>
        <translation>未关闭事件：%1</translation>
    </message>
    <message>
        <source>Quarantined:  %1</source>
        <translation>隔离区：      %1</translation>
    </message>
    <message>
        <source>At most N records, newest first (0 = all).</source>
        <translation>最多 N 条记录，最新的在前（0 表示全部）。</translation>
    </message>
    <message>
        <source>Usage: %1 quarantine [--limit N] [--json]
</source>
        <translation>用法：%1 quarantine [--limit N] [--json]
</translation>
    </message>
    <message>
        <source>Usage: %1 chain-status [--json]
</source>
        <translation>用法：%1 chain-status [--json]
</translation>
    </message>
    <message>
        <source>height %1</source>
        <translation>高度 %1</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>落后 %1</translation>
    </message>
    <message>
        <source>peers %1</source>
        <translation>对等节点 %1</translation>
    </message>
    <message>
        <source>peers n/a</source>
        <translation>对等节点 未报告</translation>
    </message>
    <message>
        <source>Wall-clock seconds to run (default 10).</source>
        <translation>实际运行秒数（默认 10）。</translation>
    </message>
    <message>
        <source>Simulated seconds per second (default 60).</source>
        <translation>每秒模拟的秒数（默认 60）。</translation>
    </message>
    <message>
        <source>Random seed (default 1).</source>
        <translation>随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>Simulated start time (default: 24 h ago, on the hour).</source>
        <translation>模拟开始时间（默认：24 小时前的整点）。</translation>
    </message>
    <message>
        <source>Write the simulated span at once instead of pacing it.</source>
        <translation>一次性写入整个模拟时段，而不按节奏推进。</translation>
    </message>
    <message>
        <source>Usage: %1
Runs SECONDS × SPEED simulated seconds of the scenario (at most one simulated day).
</source>
        <translation>用法：%1
运行场景中 SECONDS × SPEED 个模拟秒（最多一个模拟日）。
</translation>
    </message>
    <message>
        <source>--seconds: &quot;%1&quot; is not a duration</source>
        <translation>--seconds：“%1”不是有效时长</translation>
    </message>
    <message>
        <source>--speed: &quot;%1&quot; is not a speed between 0 and 1000000</source>
        <translation>--speed：“%1”不是 0 到 1000000 之间的速度</translation>
    </message>
    <message>
        <source>--seed: &quot;%1&quot; is not a number</source>
        <translation>--seed：“%1”不是数字</translation>
    </message>
    <message>
        <source>--store needs a PATH</source>
        <translation>--store 需要 PATH 参数</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;; see --help</source>
        <translation>未知选项“%1”；请参阅 --help</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; see --help</source>
        <translation>未知命令“%1”；请参阅 --help</translation>
    </message>
    <message>
        <source>run the configured feeds until SIGINT/SIGTERM (or for SECONDS)</source>
        <translation>运行已配置的数据源，直到收到 SIGINT/SIGTERM（或运行 SECONDS 秒）</translation>
    </message>
    <message>
        <source>The feeds configuration (FEEDS.json).</source>
        <translation>数据源配置（FEEDS.json）。</translation>
    </message>
    <message>
        <source>Stop after SECONDS.</source>
        <translation>SECONDS 秒后停止。</translation>
    </message>
    <message>
        <source>--config FEEDS.json is required</source>
        <translation>必须指定 --config FEEDS.json</translation>
    </message>
    <message>
        <source>--for: &quot;%1&quot; is not a duration</source>
        <translation>--for：“%1”不是有效时长</translation>
    </message>
    <message>
        <source>check the store&apos;s hash chain and signed checkpoints; exit 1 naming the first record that breaks</source>
        <translation>检查存储的哈希链和已签名检查点；发现问题时以状态 1 退出并指出第一条出错的记录</translation>
    </message>
    <message>
        <source>Check only what was added since the last successful verification.</source>
        <translation>仅检查上次验证成功后新增的内容。</translation>
    </message>
    <message>
        <source>Usage: %1 verify [--incremental] [--json]
Recomputes every record&apos;s leaf hash, the Merkle root at each signed checkpoint and each signature (see docs/tamper-evidence.md).
</source>
        <translation>用法：%1 verify [--incremental] [--json]
重新计算每条记录的叶节点哈希、每个已签名检查点处的 Merkle 根以及每个签名（参见 docs/tamper-evidence.md）。
</translation>
    </message>
    <message>
        <source>ok: %1 leaves and %2 checkpoints checked; %3 records, %4 signed</source>
        <translation>正常：已检查 %1 个叶节点和 %2 个检查点；共 %3 条记录，%4 条已签名</translation>
    </message>
    <message>
        <source>root %1, key %2</source>
        <translation>根 %1，密钥 %2</translation>
    </message>
    <message>
        <source>With --format jsonl: a JSON file saying where each field is (docs/normalisation.md).</source>
        <translation>配合 --format jsonl：说明各字段位置的 JSON 文件（见 docs/normalisation.md）。</translation>
    </message>
    <message>
        <source>Usage: %1 ingest [--format F] [--map FILE] [--feed ID] [--strict] FILE... | -
Formats: %2
</source>
        <translation>用法：%1 ingest [--format F] [--map FILE] [--feed ID] [--strict] FILE... | -
格式：%2
</translation>
    </message>
    <message>
        <source>--map needs --format jsonl</source>
        <translation>--map 需要 --format jsonl</translation>
    </message>
    <message>
        <source>%1: feed &quot;%2&quot;: type %3 is not available in this version</source>
        <translation>%1：数据源“%2”：此版本不支持类型 %3</translation>
    </message>
    <message>
        <source>an online, consistent copy of the store (while feeds keep writing)</source>
        <translation>存储的在线一致性副本（数据源可继续写入）</translation>
    </message>
    <message>
        <source>age %1 s</source>
        <translation>块龄 %1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>The new file to write the copy to.</source>
        <translation>写入副本的新文件。</translation>
    </message>
    <message>
        <source>Verify the copy&apos;s hash chain and signatures as well.</source>
        <translation>同时校验副本的哈希链和签名。</translation>
    </message>
    <message>
        <source>Usage: %1 backup --out FILE [--verify] [--json]
Copies the store with SQLite&apos;s online backup API: one consistent snapshot, taken while feeds go on writing. FILE must not exist.
</source>
        <translation>用法：%1 backup --out FILE [--verify] [--json]
使用 SQLite 在线备份 API 复制存储：在数据源继续写入的同时生成一份一致的快照。FILE 不能已存在。
</translation>
    </message>
    <message>
        <source>--out FILE is required</source>
        <translation>必须指定 --out FILE</translation>
    </message>
    <message>
        <source>%1: the copy cannot be opened</source>
        <translation>%1：无法打开副本</translation>
    </message>
    <message>
        <source>%1: the copy does not verify: %2</source>
        <translation>%1：副本校验失败：%2</translation>
    </message>
    <message>
        <source>incidents, riskiest first</source>
        <translation>事件列表，风险最高的在前</translation>
    </message>
    <message>
        <source>one incident (show), or change it as the current identity</source>
        <translation>查看单个事件（show），或以当前身份修改它</translation>
    </message>
    <message>
        <source>Only this status (repeatable).</source>
        <translation>仅此状态（可重复指定）。</translation>
    </message>
    <message>
        <source>Only open incidents (not resolved or false positive).</source>
        <translation>仅未关闭的事件（非已解决或误报）。</translation>
    </message>
    <message>
        <source>Only this owner.</source>
        <translation>仅此负责人。</translation>
    </message>
    <message>
        <source>Order (default risk).</source>
        <translation>排序（默认按风险）。</translation>
    </message>
    <message>
        <source>At most N (default 100; 0 = all).</source>
        <translation>最多 N 个（默认 100；0 表示全部）。</translation>
    </message>
    <message>
        <source>Usage: %1 %2
</source>
        <translation>用法：%1 %2
</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot; (%2)</source>
        <translation>未知状态“%1”（%2）</translation>
    </message>
    <message>
        <source>unknown severity &quot;%1&quot;</source>
        <translation>未知的严重级别“%1”</translation>
    </message>
    <message>
        <source>unknown order &quot;%1&quot; (%2)</source>
        <translation>未知排序“%1”（%2）</translation>
    </message>
    <message>
        <source>Why (kept in the audit trail).</source>
        <translation>原因（记入审计记录）。</translation>
    </message>
    <message>
        <source>show: at most N alerts (default 50).</source>
        <translation>show：最多 N 条告警（默认 50）。</translation>
    </message>
    <message>
        <source>suppress: until T.</source>
        <translation>suppress：截止时间 T。</translation>
    </message>
    <message>
        <source>suppress: the rule (default: the incident&apos;s newest alert&apos;s).</source>
        <translation>suppress：规则（默认：该事件最新告警的规则）。</translation>
    </message>
    <message>
        <source>suppress: the entity, `*` globs (default: the newest alert&apos;s).</source>
        <translation>suppress：实体，可用 `*` 通配（默认：最新告警的实体）。</translation>
    </message>
    <message>
        <source>What to do.</source>
        <translation>要执行的操作。</translation>
    </message>
    <message>
        <source>The incident.</source>
        <translation>事件。</translation>
    </message>
    <message>
        <source>Usage: %1 %2
Changes are made as $LAKEGUARD_IDENTITY (else the OS user) and each leaves one audit entry.
Exit status: 0 done, 1 refused (the message says why), 2 bad usage or no such incident.
</source>
        <translation>用法：%1 %2
修改以 $LAKEGUARD_IDENTITY（否则为操作系统用户）的身份进行，每次修改留下一条审计记录。
退出状态：0 完成，1 被拒绝（消息说明原因），2 用法错误或事件不存在。
</translation>
    </message>
    <message>
        <source>name an action; see --help</source>
        <translation>请指定操作；参见 --help</translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot; (%2)</source>
        <translation>未知操作“%1”（%2）</translation>
    </message>
    <message>
        <source>name the incident id</source>
        <translation>请指定事件编号</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an incident id</source>
        <translation>“%1”不是事件编号</translation>
    </message>
    <message>
        <source>--alerts: &quot;%1&quot; is not a count</source>
        <translation>--alerts：“%1”不是有效数量</translation>
    </message>
    <message>
        <source>severity %1, %2, status %3, owner %4, risk %5
</source>
        <translation>严重级别 %1，%2，状态 %3，负责人 %4，风险 %5
</translation>
    </message>
    <message>
        <source>%1 alerts from %2 to %3; deadline %4%5
</source>
        <translation>%1 条告警，从 %2 到 %3；报告期限 %4%5
</translation>
    </message>
    <message>
        <source>waiting for approval: %1, asked by %2
</source>
        <translation>等待审批：%1，由 %2 申请
</translation>
    </message>
    <message>
        <source>Alerts:
</source>
        <translation>告警：
</translation>
    </message>
    <message>
        <source>Audit:
</source>
        <translation>审计：
</translation>
    </message>
    <message>
        <source>name one owner, or - to unassign</source>
        <translation>请指定一个负责人，或用 - 取消指派</translation>
    </message>
    <message>
        <source>a note needs text</source>
        <translation>备注需要文本</translation>
    </message>
    <message>
        <source>name one severity, or auto</source>
        <translation>请指定一个严重级别，或 auto</translation>
    </message>
    <message>
        <source>changing the severity needs --reason</source>
        <translation>修改严重级别需要 --reason</translation>
    </message>
    <message>
        <source>name the incidents to merge</source>
        <translation>请指定要合并的事件</translation>
    </message>
    <message>
        <source>name the alerts to split off</source>
        <translation>请指定要拆分出的告警</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an id</source>
        <translation>“%1”不是编号</translation>
    </message>
    <message>
        <source>--until: give an ISO 8601 time</source>
        <translation>--until：请给出 ISO 8601 时间</translation>
    </message>
    <message>
        <source>a suppression needs --reason</source>
        <translation>抑制规则需要 --reason</translation>
    </message>
    <message>
        <source>waiting for approval by a second identity: %1 incident approve %2</source>
        <translation>等待另一身份审批：%1 incident approve %2</translation>
    </message>
    <message>
        <source>new incident #%1</source>
        <translation>新事件 #%1</translation>
    </message>
    <message>
        <source>a signed evidence pack cut from a fresh checkpoint (report.pdf, alerts, audit trail, proofs)</source>
        <translation>从新签署的检查点导出已签名的证据包（report.pdf、告警、审计记录、证明）</translation>
    </message>
    <message>
        <source>check an evidence pack; exit 1 naming what fails</source>
        <translation>校验证据包；失败时以状态 1 退出并指明失败项</translation>
    </message>
    <message>
        <source>The pack folder (created; must be empty).</source>
        <translation>证据包文件夹（将被创建；必须为空）。</translation>
    </message>
    <message>
        <source>Also write the pack as this zip file.</source>
        <translation>同时将证据包写成此 zip 文件。</translation>
    </message>
    <message>
        <source>An incident to export (repeatable).</source>
        <translation>要导出的事件（可重复）。</translation>
    </message>
    <message>
        <source>Alerts from this time (ISO 8601).</source>
        <translation>从此时间起的告警（ISO 8601）。</translation>
    </message>
    <message>
        <source>Alerts before this time (ISO 8601).</source>
        <translation>此时间之前的告警（ISO 8601）。</translation>
    </message>
    <message>
        <source>The pack&apos;s TLP marking.</source>
        <translation>证据包的 TLP 标记。</translation>
    </message>
    <message>
        <source>Leave out records above this TLP.</source>
        <translation>排除高于此 TLP 级别的记录。</translation>
    </message>
    <message>
        <source>Language of report.pdf: en or zh_CN.</source>
        <translation>report.pdf 的语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Usage: %1 %2
TLP levels: CLEAR, GREEN, AMBER, AMBER+STRICT, RED. See docs/evidence-packs.md.
</source>
        <translation>用法：%1 %2
TLP 级别：CLEAR、GREEN、AMBER、AMBER+STRICT、RED。参见 docs/evidence-packs.md。
</translation>
    </message>
    <message>
        <source>--out DIR is required</source>
        <translation>必须指定 --out DIR</translation>
    </message>
    <message>
        <source>--incident: &quot;%1&quot; is not an incident id</source>
        <translation>--incident：“%1”不是事件编号</translation>
    </message>
    <message>
        <source>give either --incident or a period (--since/--until), not both</source>
        <translation>请指定 --incident 或时段（--since/--until），不能同时指定</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a TLP level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)</source>
        <translation>--%1：“%2”不是 TLP 级别（CLEAR、GREEN、AMBER、AMBER+STRICT、RED）</translation>
    </message>
    <message>
        <source>drawing report.pdf needs a QGuiApplication</source>
        <translation>生成 report.pdf 需要 QGuiApplication</translation>
    </message>
    <message>
        <source>wrote %1: %2 alerts, %3 alert events, %4 audit entries (TLP:%5); checkpoint %6, tree size %7, root %8</source>
        <translation>已写入 %1：%2 条告警，%3 条告警事件，%4 条审计记录（TLP:%5）；检查点 %6，树大小 %7，根 %8</translation>
    </message>
    <message>
        <source>left out above TLP:%1: %2 alerts, %3 alert events, %4 audit entries</source>
        <translation>高于 TLP:%1 而未导出：%2 条告警，%3 条告警事件，%4 条审计记录</translation>
    </message>
    <message>
        <source>zip: %1</source>
        <translation>zip：%1</translation>
    </message>
    <message>
        <source>The key id the pack must be signed with (pinned).</source>
        <translation>证据包必须使用的签名密钥编号（预先约定）。</translation>
    </message>
    <message>
        <source>The pack folder or zip.</source>
        <translation>证据包文件夹或 zip 文件。</translation>
    </message>
    <message>
        <source>Usage: %1 %2
Exit status: 0 intact and signed, 1 a check failed (each is named), 2 unreadable input.
</source>
        <translation>用法：%1 %2
退出状态：0 完整且签名有效，1 有检查未通过（逐项指明），2 输入无法读取。
</translation>
    </message>
    <message>
        <source>name one pack folder or zip file</source>
        <translation>请指定一个证据包文件夹或 zip 文件</translation>
    </message>
    <message>
        <source>remove the oldest alerts (roll-ups and tamper evidence stay; a signed prune record says what went)</source>
        <translation>删除最旧的告警（汇总数据与防篡改证据保留；一条已签名的清理记录说明删除了什么）</translation>
    </message>
    <message>
        <source>Remove alerts received longer ago than AGE (30d, 12h, 90m, 45s).</source>
        <translation>删除接收时间早于 AGE 之前的告警（30d、12h、90m、45s）。</translation>
    </message>
    <message>
        <source>Keep at most N alerts, the newest.</source>
        <translation>最多保留 N 条最新的告警。</translation>
    </message>
    <message>
        <source>Usage: %1 prune [--older-than AGE] [--max-alerts N] [--json]
Removes the oldest alerts in arrival order, with their events and full-text rows. Roll-ups, leaf hashes and checkpoints stay; a signed prune record says what was removed, so verify still passes (docs/tamper-evidence.md).
</source>
        <translation>用法：%1 prune [--older-than AGE] [--max-alerts N] [--json]
按到达顺序删除最旧的告警及其事件和全文索引行。汇总数据、叶哈希和检查点保留；一条已签名的清理记录说明删除了什么，因此 verify 仍然通过（docs/tamper-evidence.md）。
</translation>
    </message>
    <message>
        <source>--older-than: &quot;%1&quot; is not an age like 30d</source>
        <translation>--older-than：“%1”不是 30d 这样的时长</translation>
    </message>
    <message>
        <source>--max-alerts: &quot;%1&quot; is not a number</source>
        <translation>--max-alerts：“%1”不是数字</translation>
    </message>
    <message>
        <source>say what to keep: --older-than AGE and/or --max-alerts N</source>
        <translation>请说明要保留什么：--older-than AGE 和/或 --max-alerts N</translation>
    </message>
    <message>
        <source>nothing to prune</source>
        <translation>没有需要清理的内容</translation>
    </message>
    <message>
        <source>pruned %1 alerts (ids %2 to %3) and %4 events; prune record %5</source>
        <translation>已清理 %1 条告警（编号 %2 至 %3）和 %4 条事件；清理记录 %5</translation>
    </message>
    <message>
        <source>copy one store into a new one (e.g. SQLite into PostgreSQL) and verify it</source>
        <translation>将一个存储复制到新的存储（例如从 SQLite 到 PostgreSQL）并进行校验</translation>
    </message>
    <message>
        <source>The store to copy.</source>
        <translation>要复制的存储。</translation>
    </message>
    <message>
        <source>The new, empty store to copy into.</source>
        <translation>要复制到的新的空存储。</translation>
    </message>
    <message>
        <source>Usage: %1 migrate --from STORE --to STORE [--json]
Copies every record, leaf, checkpoint and incident of one store into a new, empty one (a file or postgresql://user@host:port/db), in one transaction, then checks it: rows per table, the Merkle root at the same size, and a full verify. Exit 1 when the copy does not check out.
</source>
        <translation>用法：%1 migrate --from STORE --to STORE [--json]
在一个事务中将一个存储的所有记录、叶子、检查点和事件复制到新的空存储（文件或 postgresql://用户@主机:端口/数据库），然后进行检查：每个表的行数、相同大小下的 Merkle 根，以及完整校验。副本检查未通过时退出码为 1。
</translation>
    </message>
    <message>
        <source>--from STORE and --to STORE are required</source>
        <translation>必须提供 --from STORE 和 --to STORE</translation>
    </message>
    <message>
        <source>Scenario: bank-day (the generated day, default), payment-gateway, consortium-chain, insider-exfiltration or a .json file.</source>
        <translation>场景：bank-day（生成的一天，默认）、payment-gateway、consortium-chain、insider-exfiltration 或某个 .json 文件。</translation>
    </message>
    <message>
        <source>unknown scenario &quot;%1&quot; (available: %2)</source>
        <translation>未知场景“%1”（可用：%2）</translation>
    </message>
    <message>
        <source>--from and --to name the same store</source>
        <translation>--from 和 --to 指向同一个存储</translation>
    </message>
    <message>
        <source>%1 records pruned by %2 signed prune records (their leaf hashes stand in for them)</source>
        <translation>%1 条记录已由 %2 条已签名的清理记录清理（由其叶哈希代替）</translation>
    </message>
    <message>
        <source>ok: %1 files and %2 record proofs checked against checkpoint %3 (tree size %4, root %5); key %6; TLP:%7</source>
        <translation>通过：已对照检查点 %3（树大小 %4，根 %5）校验 %1 个文件和 %2 条记录证明；密钥 %6；TLP:%7</translation>
    </message>
    <message>
        <source>the encrypted secret vault: store (from standard input), print, list or remove a secret</source>
        <translation>加密的密钥保险库：保存（从标准输入读取）、输出、列出或删除密钥</translation>
    </message>
    <message>
        <source>
Global options:
  --store PATH   the store (default: $LAKEGUARD_STORE, else the data folder)
  --json         machine-readable output on stdout
  --vault FILE   the secret vault (default: $LAKEGUARD_VAULT, else the configuration folder)
  --help         this text; COMMAND --help for one command
  --version      the version

Exit status: 0 success, 1 a problem was found, 2 bad usage or unreadable input.
</source>
        <translation>
全局选项：
  --store PATH   存储（默认：$LAKEGUARD_STORE，否则为数据文件夹）
  --json         在标准输出上输出机器可读格式
  --vault FILE   密钥保险库（默认：$LAKEGUARD_VAULT，否则为配置文件夹）
  --help         显示此帮助；COMMAND --help 显示单个命令的帮助
  --version      显示版本号

退出状态：0 成功，1 发现问题，2 用法错误或输入无法读取。
</translation>
    </message>
    <message>
        <source>The secret vault (for *_vault keys).</source>
        <translation>密钥保险库（用于 *_vault 键）。</translation>
    </message>
    <message>
        <source>Usage: %1 serve --config FEEDS.json [--for SECONDS] [--vault FILE]
Runs the feeds headless; SIGINT or SIGTERM stop them cleanly after the last batch is stored.
</source>
        <translation>用法：%1 serve --config FEEDS.json [--for SECONDS] [--vault FILE]
以无界面方式运行数据源；收到 SIGINT 或 SIGTERM 后，待最后一批数据写入存储即干净停止。
</translation>
    </message>
    <message>
        <source>vault: %1; feeds that name vault entries stay down</source>
        <translation>保险库：%1；引用保险库条目的数据源保持停止状态</translation>
    </message>
    <message>
        <source>--vault needs a FILE</source>
        <translation>--vault 需要一个 FILE</translation>
    </message>
    <message>
        <source>Secret for %1: </source>
        <translation>%1 的密钥：</translation>
    </message>
    <message>
        <source>the secret on standard input is larger than 1 MiB</source>
        <translation>标准输入中的密钥大于 1 MiB</translation>
    </message>
    <message>
        <source>Usage: %1 %2

Secrets for feeds (FEEDS.json names them with token_vault, hmac_secret_vault),
encrypted with AES-256-GCM under a key derived from a passphrase (scrypt).
  set NAME      store the secret read from standard input (typed without echo
                on a terminal); creates the vault when it does not exist
  get NAME      print the secret
  list          the names of the entries (never the secrets)
  remove NAME   delete an entry

--vault FILE    the vault (default: $LAKEGUARD_VAULT, else %3)
The passphrase comes from $LAKEGUARD_VAULT_PASSPHRASE, or is asked on the
terminal without echo. A secret is never taken from the command line.
</source>
        <translation>用法：%1 %2

数据源使用的密钥（FEEDS.json 中以 token_vault、hmac_secret_vault 引用），
以 AES-256-GCM 加密，密钥由口令经 scrypt 派生。
  set NAME      保存从标准输入读取的密钥（在终端上输入时不回显）；
                保险库不存在时会创建它
  get NAME      输出该密钥
  list          列出条目名称（从不输出密钥）
  remove NAME   删除一个条目

--vault FILE    保险库文件（默认：$LAKEGUARD_VAULT，否则为 %3）
口令取自 $LAKEGUARD_VAULT_PASSPHRASE，或在终端上不回显地询问。
密钥从不从命令行读取。
</translation>
    </message>
    <message>
        <source>set LAKEGUARD_VAULT_PASSPHRASE (standard input is not a terminal to ask for the vault passphrase on)</source>
        <translation>请设置 LAKEGUARD_VAULT_PASSPHRASE（标准输入不是终端，无法询问保险库口令）</translation>
    </message>
    <message>
        <source>Vault passphrase: </source>
        <translation>保险库口令：</translation>
    </message>
    <message>
        <source>New vault: the passphrase again: </source>
        <translation>新保险库：请再次输入口令：</translation>
    </message>
    <message>
        <source>the passphrases differ</source>
        <translation>两次输入的口令不一致</translation>
    </message>
    <message>
        <source>the vault passphrase must not be empty</source>
        <translation>保险库口令不能为空</translation>
    </message>
    <message>
        <source>The store (not used).</source>
        <translation>存储（未使用）。</translation>
    </message>
    <message>
        <source>The vault file.</source>
        <translation>保险库文件。</translation>
    </message>
    <message>
        <source>set, get, list or remove</source>
        <translation>set、get、list 或 remove</translation>
    </message>
    <message>
        <source>name an action: set, get, list or remove</source>
        <translation>请指定操作：set、get、list 或 remove</translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot; (set, get, list, remove)</source>
        <translation>未知操作“%1”（set、get、list、remove）</translation>
    </message>
    <message>
        <source>%1 needs exactly one NAME (the secret is read from standard input, never from the command line)</source>
        <translation>%1 需要恰好一个 NAME（密钥从标准输入读取，从不从命令行读取）</translation>
    </message>
    <message>
        <source>list takes no arguments</source>
        <translation>list 不接受参数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a vault entry name (1–128 of letters, digits and . _ -)</source>
        <translation>“%1”不是有效的保险库条目名称（1–128 个字母、数字及 . _ -）</translation>
    </message>
    <message>
        <source>%1 is locked by another process</source>
        <translation>%1 已被另一个进程锁定</translation>
    </message>
    <message>
        <source>%1: the vault has no entry &quot;%2&quot;</source>
        <translation>%1：保险库中没有条目“%2”</translation>
    </message>
    <message>
        <source>the secret is empty</source>
        <translation>密钥为空</translation>
    </message>
    <message>
        <source>created %1; stored %2</source>
        <translation>已创建 %1；已保存 %2</translation>
    </message>
    <message>
        <source>stored %1 in %2</source>
        <translation>已将 %1 保存到 %2</translation>
    </message>
    <message>
        <source>the store</source>
        <translation>该存储</translation>
    </message>
    <message>
        <source>removed %1 from %2</source>
        <translation>已从 %2 移除 %1</translation>
    </message>
    <message>
        <source>Words, each in the title or the entity (any case).</source>
        <translation>若干词语，每个词都须出现在标题或实体中（不区分大小写）。</translation>
    </message>
    <message>
        <source>give the store&apos;s free pages back to the disk (after a prune or an upgrade); nothing else may write meanwhile</source>
        <translation>将存储中的空闲页归还给磁盘（清理或升级之后）；期间不得有其他写入</translation>
    </message>
    <message>
        <source>Usage: %1 compact [--json]
Rewrites the store without the free pages a prune or a schema upgrade left inside it (SQLite&apos;s VACUUM), so the file shrinks. Needs free disk space as large as the store, and holds the store&apos;s write lock until done: stop the console and `serve` first. Nothing stored changes, and verify still passes.
</source>
        <translation>用法：%1 compact [--json]
重写存储，去掉清理或结构升级后留在文件内的空闲页（SQLite 的 VACUUM），使文件变小。需要与存储同样大小的可用磁盘空间，并在完成前一直持有存储的写锁：请先停止控制台和 `serve`。已存储的内容不会改变，verify 仍然通过。
</translation>
    </message>
    <message>
        <source>compacted %1: %2 MB before, %3 MB after (%4 s)</source>
        <translation>已压缩 %1：之前 %2 MB，之后 %3 MB（%4 秒）</translation>
    </message>
    <message>
        <source>a reader still holds the write-ahead log; it is merged into the store when that reader is done</source>
        <translation>仍有读取方持有预写日志；该读取方结束后日志将并入存储</translation>
    </message>
    <message>
        <source>%1 is a PostgreSQL store, which PostgreSQL compacts itself (autovacuum, or VACUUM FULL); compact is for SQLite stores</source>
        <translation>%1 是 PostgreSQL 存储，由 PostgreSQL 自行压缩（autovacuum 或 VACUUM FULL）；compact 仅用于 SQLite 存储</translation>
    </message>
</context>
</TS>
