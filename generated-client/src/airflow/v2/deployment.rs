// Copied by `cargo xtask codegen` from extensions/airflow_v2/deployment.rs into `airflow::v2`. Edit it there.

//! From the platform API to Airflow: a client for the Airflow REST API of an Astro Deployment.

use super::Client;
use crate::runtime;

/// The oldest Airflow release whose REST API this module speaks (`/api/v2`).
const OLDEST_AIRFLOW: u64 = 3;

impl Client {
    /// A client for the Airflow API of an Astro Deployment, read through the platform API (`v1`), that sends
    /// `token` (an Astro API token) as its bearer token.
    ///
    /// The Deployment's Airflow API URL becomes the base URL and its Airflow version the server version, so an
    /// operation the Deployment's Airflow is too old for fails before it is sent. A Deployment that runs
    /// Airflow 2 is refused: its REST API is `/api/v1`, which this module does not speak.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let token = std::env::var("ASTRO_API_TOKEN")?;
    /// let astro = astro_client::v1::Client::new(token.clone())?;
    /// let deployment = astro.get_deployment("my-organization-id", "my-deployment-id").send().await?;
    /// let airflow = astro_client::airflow::v2::Client::for_deployment(&deployment, token)?;
    /// println!("{:?}", airflow.get_version().send().await?);
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "v1")]
    pub fn for_deployment(
        deployment: &crate::v1::types::Deployment,
        token: impl Into<String>,
    ) -> Result<Self, runtime::Error> {
        Self::for_deployment_with_config(deployment, runtime::Config::new().bearer_token(token))
    }

    /// Like [`Client::for_deployment`], with a configuration of your own (timeouts, retries, credentials); its
    /// base URL and server version are replaced by the Deployment's.
    #[cfg(feature = "v1")]
    pub fn for_deployment_with_config(
        deployment: &crate::v1::types::Deployment,
        config: runtime::Config,
    ) -> Result<Self, runtime::Error> {
        let version = deployment.airflow_version.trim();
        let major = version
            .split('.')
            .next()
            .and_then(|major| major.parse::<u64>().ok());
        match major {
            Some(major) if major >= OLDEST_AIRFLOW => {}
            Some(_) => {
                return Err(runtime::InvalidRequest::new(format!(
                    "Deployment `{}` ({}) runs Airflow {version}, whose REST API is `/api/v1`; \
                     `airflow::v2` speaks Airflow 3's `/api/v2`: upgrade the Deployment to Airflow 3 first",
                    deployment.name, deployment.id
                ))
                .into())
            }
            None => {
                return Err(runtime::InvalidRequest::new(format!(
                    "Deployment `{}` ({}) reports the Airflow version `{version}`, which is not a version number",
                    deployment.name, deployment.id
                ))
                .into())
            }
        }
        let base_url =
            airflow_base_url(&deployment.api_url, &deployment.web_server_airflow_api_url)
                .ok_or_else(|| {
                    runtime::InvalidRequest::new(format!(
                    "Deployment `{}` ({}) has no Airflow API URL yet (is it still being created?)",
                    deployment.name, deployment.id
                ))
                })?;
        Self::with_config(config.base_url(base_url).server_version(version))
    }
}

/// The address the Airflow API's paths (`/api/v2/...`) go below: the Deployment's API URL without its
/// `/api/v1` or `/api/v2` suffix, with `https://` when the platform gives a bare host (as it does for
/// `webServerAirflowApiUrl`).
pub(crate) fn airflow_base_url(api_url: &str, web_server_api_url: &str) -> Option<String> {
    let url = [api_url, web_server_api_url]
        .into_iter()
        .map(str::trim)
        .find(|url| !url.is_empty())?;
    let mut url = url.trim_end_matches('/').to_owned();
    for suffix in ["/api/v1", "/api/v2"] {
        if let Some(stripped) = url.strip_suffix(suffix) {
            url = stripped.to_owned();
        }
    }
    if !url.contains("://") {
        url = format!("https://{url}");
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::airflow_base_url;

    #[test]
    fn the_base_url_is_the_deployment_root() {
        assert_eq!(
            airflow_base_url("https://x.astronomer.run/d1/api/v1", "").as_deref(),
            Some("https://x.astronomer.run/d1")
        );
        assert_eq!(
            airflow_base_url("", "x.astronomer.run/d1/api/v2/").as_deref(),
            Some("https://x.astronomer.run/d1")
        );
        assert_eq!(airflow_base_url(" ", ""), None);
    }
}
