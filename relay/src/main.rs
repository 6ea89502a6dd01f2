//! The `liandong-relay` command: `serve` runs the relay (see `liandong_relay` for the map).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use liandong_relay::config::ServeConfig;
use liandong_relay::server::{Relay, shutdown_signal};

/// The county bureau's Yjs relay for Liandong (联动).
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the app and the sync endpoint until Ctrl-C or SIGTERM.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LIANDONG_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Folder for the relay's database and signing key (created if missing).
        #[arg(long, env = "LIANDONG_DATA", default_value = "data")]
        data: PathBuf,
        /// Folder of the built app (Trunk's dist/); omit to serve only the API.
        #[arg(long = "static", env = "LIANDONG_STATIC")]
        static_dir: Option<PathBuf>,
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
    /// Print the demo county (DOMAIN.md's real county, generated details) as a county file.
    DemoCounty,
}

/// Language of printed reports.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Lang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { addr, data, static_dir } => {
            let mut config = ServeConfig::new(addr, data);
            config.static_dir = static_dir;
            match serve(config).await {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("liandong-relay: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Command::Coverage { file, today, lang, json } => {
            let lang = match lang {
                Lang::Zh => liandong_core::rules::Lang::Zh,
                Lang::En => liandong_core::rules::Lang::En,
            };
            match liandong_relay::commands::coverage(&file, today, lang, json) {
                Ok(report) => {
                    print!("{report}");
                    std::process::ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("liandong-relay coverage: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Command::DemoCounty => {
            println!("{}", liandong_core::demo::county().to_json());
            std::process::ExitCode::SUCCESS
        }
    }
}

async fn serve(config: ServeConfig) -> std::io::Result<()> {
    let relay = Relay::bind(config).await?;
    let addr = relay.local_addr()?;
    println!("联动 relay listening. Open http://{addr}/ in a browser.");
    tracing::info!(%addr, "relay started");
    relay.serve(shutdown_signal()).await?;
    tracing::info!("relay stopped");
    Ok(())
}
