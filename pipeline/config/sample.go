package config

// TemplateFile is where `jixiao init` puts the editable Word template,
// relative to the workspace.
const TemplateFile = "模板/部门整体支出绩效评价报告.docx"

// Sample is the commented configuration `jixiao init` writes.
const Sample = `# jixiao 工作区配置文件（YAML 格式）
#
# 使用方法：把填好的绩效自评表（.xlsx）放进本工作区的 inbox 文件夹，
# 运行 "jixiao run"（或由计划任务、"jixiao watch" 服务自动运行）。
#   inbox/       待处理的工作簿（复制完成后才会被取走）
#   processing/  正在处理的工作簿（程序中断后下次运行会自动接着处理）
#   done/        处理完成的工作簿
#   failed/      无法处理的工作簿，旁边的 “文件名.error.txt” 写明哪张表哪个单元格有问题、如何修改
#   out/年度/    生成的 Word 报告、PDF 摘要、JSON 结果和 汇总表.xlsx
#   outbox/      未配置邮件服务器时，待发送的邮件（.eml 文件，可用 Outlook/Foxmail 打开后转发）
#   jixiao.db    处理记录（请勿删除；“jixiao status” 读取它）
#
# 注意：YAML 用空格缩进（不要用 Tab），冒号后面要有一个空格；# 后面是注释。

# Word 报告模板（相对于工作区）。可以用 Word/WPS 打开修改措辞和格式，
# {{部门名称}} 这样的标签会被替换。删掉这一行则使用程序内置模板。
template: "` + TemplateFile + `"

# 处理记录数据库（SQLite）。默认是工作区中的 jixiao.db。
# 工作区放在文件服务器的共享文件夹上、而 jixiao 在另一台电脑上运行时，请把数据库放在运行 jixiao 的电脑的本地磁盘上，
# 例如 database: "C:/jixiao/jixiao.db"（SQLite 数据库不能放在网络共享上多机使用）。
# database: ""

# 报告落款日期（评价日期），例如 "2020-03-20" 或 "2020年3月20日"。
# 不写则用自评表上的“填报日期”，表上也没有时用处理当天的日期。
# report_date: ""

# 同时处理几个工作簿；0 表示按 CPU 核数。
workers: 0

# 同一个工作簿最多尝试处理几次。程序在处理它时被中断或出错、或报告无法写出，
# 下次运行会再试；达到此次数仍未完成，就移到 failed/ 并附 .error.txt，不再反复重试。
max_tries: 3

# 处理一个工作簿（读取、计算、生成报告）最长允许多久；超过则停止处理，移到 failed/ 并附说明。
# 正常的自评表只需一两秒。
workbook_timeout: 2m

# 文件大小和修改时间保持多久不变，才认为已复制完成（例如 3s、10s）。
# 通过网络共享拷贝大文件时可适当加长。
settle: 3s

# "jixiao watch" 服务的定时全量处理（cron 格式：分 时 日 月 星期）。
# 例如 "0 8,12,17 * * 1-5" 表示工作日 8 点、12 点、17 点各处理一次；
# 留空则只在有新文件时处理。邮件发送失败的重试也在这时进行。
schedule: "0 8,12,17 * * *"
# 时区：定时处理、jixiao status、汇总表和 .error.txt 中的时间都按此时区显示。
timezone: Asia/Shanghai

# "jixiao watch" 每隔多久重新检查一次 inbox（网络共享文件夹收不到文件变化通知）。
rescan: 1m

# 评分规则（不写则用国家默认值：预算执行 10 分，产出 50，效益 30，满意度 10；
# 优 ≥90，良 ≥80，中 ≥60，差 <60）。各地标准不同时在此修改。
scoring:
  # 按自评表的表样自动选用评分规则（auto）：国家通用表、湖南、云南用 national，
  # 四川 510000_0013zp 用 sichuan，重庆部门整体表用 chongqing，湖北项目表用 hubei。
  # 也可固定为其中一种，对所有工作簿适用。
  profile: auto
  fund_weight: 10            # 预算执行率的分值
  level1_weights:            # 一级指标的分值
    产出指标: 50
    效益指标: 30
    满意度指标: 10
  grades:                    # 等级：总分不低于 min 即为该等级
    - {name: 优, min: 90}
    - {name: 良, min: 80}
    - {name: 中, min: 60}
    - {name: 差, min: 0}
  partial_share: 0.7         # 定性指标“部分达成”且未填得分时，按分值的 70% 计
  failed_share: 0.3          # 定性指标“未达成”且未填得分时，按分值的 30% 计
  partial_max: 0.8           # 定性指标写明“部分完成”时，得分最高为分值的 80%
  failed_max: 0.6            # 定性指标写明“未完成”时，得分最高为分值的 60%
  total_margin: 5            # 按规则计算的总分与表中填报的总分相差超过此分数时，不出报告（多为读错或填错）
  # 以上各项只改国家通用规则；修改某一地方规则写在 profiles 下，例如：
  profiles: {}
  #  hubei:
  #    fund_weight: 20        # 湖北：预算执行 20 分（得分 = 20 × 执行率）
  #    failed_max: 0.5        # 定性指标三档：100%-80%、80%-50%、50%-0%

# 邮件：每份报告生成后发给下面的收件人（附 Word 报告）。
mail:
  # 每份报告都发送的收件人，例如财政局绩效科、分管领导。
  to: []
  #  - jxk@czj.example.gov.cn
  # 按部门另加的收件人（部门名称与自评表上的“部门（单位）名称”一致）。
  departments: {}
  #  邵东市科技和工业信息化局:
  #    - bgs@kgj.example.gov.cn
  # 核查版退回：有问题的工作簿，把标注了问题的核查版（<文件名>-核查.xlsx）发回填报人修改。
  # return_to 为默认地址；return_departments 按部门指定填报人的地址（优先）。不写则不发。
  return_to: []
  return_departments: {}
  #  邵东市科技和工业信息化局:
  #    - cwk@kgj.example.gov.cn
  attach_pdf: false          # 是否同时附上 PDF 摘要
  max_attempts: 12           # 临时失败（服务器忙、网络中断）最多重试次数
  retry_after: 5m            # 第一次重试前等待的时间，之后每次加倍（最长 6 小时）
  # 发件服务器。host 留空时不发送，邮件保存为 outbox/ 下的 .eml 文件。
  smtp:
    host: ""                 # 例如 smtp.example.gov.cn
    port: 465                # 465 = SSL/TLS；587 或 25 = STARTTLS
    security: tls            # tls（465 端口）、starttls 或 none（仅限本机中继）
    auth: login              # plain 或 login；服务器不需要登录时留空 ""
    username: ""             # 登录用户名，通常是邮箱地址
    # 密码不要写在本文件里：放在环境变量中（推荐），或放在只有管理员能读的文件中。
    password_env: JIXIAO_SMTP_PASSWORD
    password_file: ""        # 例如 smtp-password.txt（相对于工作区）
    from: ""                 # 发件人，例如 "绩效评价 <jx@example.gov.cn>"
    ca_file: ""              # 单位内部邮件服务器使用自建证书时，填证书（PEM）文件
    timeout: 30s
`
