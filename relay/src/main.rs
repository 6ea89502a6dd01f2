//! The `liandong-relay` command (see `liandong_relay` for the map of the crate):
//! `serve` runs the relay; `import`, `token issue`, `backup`, `coverage`, `demo-county` and
//! `tls self-signed` are the operator's one-shot tools.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use liandong_core::model::Role;
use liandong_relay::commands::{self, CommandError, token};
use liandong_relay::config::ServeConfig;
use liandong_relay::server::{Relay, shutdown_signal};
use liandong_relay::store::Store;
use liandong_relay::store::sqlite::{Durability, SqliteStore};
use liandong_relay::tls::TlsPaths;

/// The county bureau's Yjs relay for Liandong (联动).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DataArg {
    /// Folder of the relay's database and signing key (created if missing).
    #[arg(long, env = "LIANDONG_DATA", default_value = "data")]
    data: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app and the sync endpoint until Ctrl-C or SIGTERM.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LIANDONG_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        #[command(flatten)]
        data: DataArg,
        /// Folder of the built app (Trunk's dist/); omit to serve only the API.
        #[arg(long = "static", env = "LIANDONG_STATIC")]
        static_dir: Option<PathBuf>,
        /// Address devices use to reach this relay, for login links (default http://ADDR,
        /// or https://ADDR with --tls-cert).
        #[arg(long, env = "LIANDONG_PUBLIC_URL")]
        public_url: Option<String>,
        /// Serve HTTPS (and wss://) with this certificate: a PEM file, the server
        /// certificate first, then any intermediates. Needs --tls-key.
        #[arg(long, env = "LIANDONG_TLS_CERT", value_name = "PATH", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The private key of --tls-cert (PEM, unencrypted). Needs --tls-cert.
        #[arg(long, env = "LIANDONG_TLS_KEY", value_name = "PATH", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Largest WebSocket frame accepted, in bytes.
        #[arg(long, env = "LIANDONG_MAX_FRAME", default_value_t = 16 * 1024 * 1024)]
        max_frame_bytes: usize,
        /// Seconds a document stays in memory without connections.
        #[arg(long, env = "LIANDONG_IDLE_UNLOAD", default_value_t = 60)]
        idle_unload: u64,
        /// SQLite durability: full (survives power cuts) or normal (survives crashes).
        #[arg(long, env = "LIANDONG_DURABILITY", value_enum, default_value = "full")]
        durability: Durability,
        /// Seed the demo county on first start and print demo login links.
        #[arg(long, env = "LIANDONG_DEMO")]
        demo: bool,
    },
    /// Import a county file (JSON) into the relay's storage.
    Import {
        #[command(flatten)]
        data: DataArg,
        /// The county file.
        file: PathBuf,
    },
    /// Access tokens for devices.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a consistent copy of the database to FILE, also while the relay serves.
    Backup {
        #[command(flatten)]
        data: DataArg,
        /// Where to write the copy (must not exist).
        #[arg(long)]
        to: PathBuf,
    },
    /// Print the coverage report of a county file (JSON); exit 1 if the file is malformed.
    Coverage {
        /// The county file (`-` for standard input).
        file: PathBuf,
        /// The day expiring skills are checked against (default: today, China time).
        #[arg(long)]
        today: Option<jiff::civil::Date>,
        /// Language of the report.
        #[arg(long, value_enum, default_value = "zh")]
        lang: Lang,
        /// Print the report as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the demo county (the source's real county, generated details; docs/domain.md) as a county file.
    DemoCounty,
    /// Certificates for HTTPS.
    #[command(subcommand)]
    Tls(TlsCommand),
}

#[derive(Subcommand)]
enum TlsCommand {
    /// Make a trial CA and a certificate for the relay signed by it: DIR/ca.pem (install as
    /// trusted on each laptop), DIR/cert.pem and DIR/key.pem (for serve). Never overwrites.
    SelfSigned {
        /// Name or IP address laptops use to reach the relay (repeat for several);
        /// localhost and 127.0.0.1 are always added.
        #[arg(long = "host", value_name = "NAME_OR_IP", required = true)]
        hosts: Vec<String>,
        /// Folder to write the three files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Days the certificate is valid.
        #[arg(long, value_name = "N", default_value_t = commands::tls::DEFAULT_DAYS, value_parser = clap::value_parser!(u32).range(1..=36500))]
        days: u32,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a token, a login link and its QR code for one officer's device.
    Issue {
        #[command(flatten)]
        data: DataArg,
        /// The officer's badge number (or record id).
        #[arg(long)]
        officer: String,
        /// Role, if not the one in the directory.
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
        /// Station code, if not the one in the directory.
        #[arg(long)]
        station: Option<String>,
        /// Region code (for commanders), if not derived from the station.
        #[arg(long)]
        region: Option<String>,
        /// Days the token is valid (1 to 3650).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3650))]
        days: u64,
        /// County code (default: the only county in storage).
        #[arg(long)]
        county: Option<String>,
        /// Address devices use to reach the relay.
        #[arg(long, env = "LIANDONG_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        url: String,
    },
}

/// Language of printed reports.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Officer,
    Liaison,
    StationHead,
    Commander,
    BureauAdmin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Officer => Role::Officer,
            RoleArg::Liaison => Role::Liaison,
            RoleArg::StationHead => Role::StationHead,
            RoleArg::Commander => Role::Commander,
            RoleArg::BureauAdmin => Role::BureauAdmin,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    // One thread for every connection and room, as the reference relay does: a change hops
    // between tasks, not threads (cross-thread wake-ups were most of the kernel time in
    // the benchmark). Storage keeps its own thread; its reads use the blocking pool.
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("liandong-relay: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("liandong-relay: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), CommandError> {
    match command {
        Command::Serve {
            addr,
            data,
            static_dir,
            public_url,
            tls_cert,
            tls_key,
            max_frame_bytes,
            idle_unload,
            durability,
            demo,
        } => {
            let mut config = ServeConfig::new(addr, data.data);
            config.static_dir = static_dir;
            config.public_url = public_url;
            // clap makes each need the other.
            config.tls = tls_cert.zip(tls_key).map(|(cert, key)| TlsPaths { cert, key });
            config.max_frame_bytes = max_frame_bytes;
            config.idle_unload = std::time::Duration::from_secs(idle_unload);
            config.durability = durability;
            config.demo = demo;
            serve(config).await
        }
        Command::Import { data, file } => {
            let store = open_store(&data.data)?;
            let org = commands::county::import_file(store.as_ref(), &file).await?;
            println!(
                "imported {}: {} regions, {} stations, {} officers",
                org.county.map(|c| c.name).unwrap_or_default(),
                org.regions.len(),
                org.stations.len(),
                org.officers.len()
            );
            Ok(())
        }
        Command::Token(TokenCommand::Issue { data, officer, role, station, region, days, county, url }) => {
            let store = open_store(&data.data)?;
            let keys = liandong_relay::auth::Keys::load_or_create(&data.data)
                .map_err(|source| CommandError::Io { path: data.data.display().to_string(), source })?;
            let county = match county {
                Some(c) => c,
                None => only_county(store.as_ref()).await?,
            };
            let org = liandong_relay::auth::access::Access::new(store).organisation(&county).await;
            let request = token::TokenRequest { officer, role: role.map(Into::into), station, region, days };
            let claims = token::claims(&org, &county, &request)?;
            print!("{}", token::render(&keys, &claims, &url));
            Ok(())
        }
        Command::Backup { data, to } => {
            commands::backup::backup(&data.data, &to)?;
            println!("backup written to {}", to.display());
            Ok(())
        }
        Command::Coverage { file, today, lang, json } => {
            let lang = match lang {
                Lang::Zh => commands::coverage_text::Lang::Zh,
                Lang::En => commands::coverage_text::Lang::En,
            };
            print!("{}", commands::coverage(&file, today, lang, json)?);
            Ok(())
        }
        Command::DemoCounty => {
            // Piped into `head` or a closed reader, the rest is not wanted: not an error.
            use std::io::Write as _;
            match writeln!(std::io::stdout().lock(), "{}", liandong_core::demo::county().to_json()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(commands::CommandError::Io { path: "standard output".into(), source: e })
                }
                _ => Ok(()),
            }
        }
        Command::Tls(TlsCommand::SelfSigned { hosts, out, days }) => {
            let files = commands::tls::self_signed(&hosts, days, &out)?;
            print!("{}", commands::tls::render(&files));
            Ok(())
        }
    }
}

fn open_store(data: &std::path::Path) -> Result<Arc<dyn Store>, CommandError> {
    Ok(Arc::new(SqliteStore::open(data, Durability::Full, None)?))
}

/// The code of the one county in storage.
async fn only_county(store: &dyn Store) -> Result<String, CommandError> {
    let counties = liandong_relay::store::keys::counties(store).await?;
    match counties.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(CommandError::Invalid("no county in storage yet: run `liandong-relay import FILE` first".into())),
        _ => Err(CommandError::Invalid(format!(
            "several counties in storage ({}); choose one with --county",
            counties.join(", ")
        ))),
    }
}

async fn serve(config: ServeConfig) -> Result<(), CommandError> {
    let demo = config.demo;
    let relay = Relay::bind(config.clone()).await.map_err(|e| CommandError::Invalid(format!("cannot start: {e}")))?;
    let addr = relay.local_addr().map_err(|source| CommandError::Io { path: "listener".into(), source })?;
    let base = config.public_base(addr);
    if demo {
        let store = relay.store();
        if commands::county::seed_demo(store.as_ref()).await? {
            println!("演示数据已写入 / demo county seeded into {}", config.data.display());
        }
        let org = liandong_relay::auth::access::Access::new(store).organisation("demo").await;
        println!("\n演示登录链接 / demo login links (valid 30 days):");
        for (who, url) in token::demo_logins(relay.keys(), &org, "demo", &base) {
            println!("  {who}\n    {url}");
        }
        println!();
    }
    println!("联动 relay listening. Open {base}/ in a browser.");
    tracing::info!(%addr, "relay started");
    relay.serve(shutdown_signal()).await.map_err(|source| CommandError::Io { path: "server".into(), source })?;
    println!("联动 relay stopped; every accepted change is on disk.");
    tracing::info!("relay stopped");
    Ok(())
}
