//! Support for the client overhead benchmark (`benches/client.rs`): a page of Astro clusters as the server would
//! send it, a loopback HTTP server that answers every request with that page, and the hand-written reqwest + serde
//! code the generated `astro-client` is compared with.
//!
//! The hand-written side is what a careful person would write without a generator: plain structs with serde
//! derives and the same field types, closed enums, one function that builds the request, checks the status and
//! decodes the body.

use std::sync::Arc;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The organization every benchmark request names.
pub const ORGANIZATION: &str = "clx0bench0organization";

/// The body of `GET /organizations/{id}/clusters` with `count` clusters, every optional field filled in, so that
/// decoding touches every field of the schema that a real answer could carry (health details aside).
pub fn clusters_page(count: usize) -> Vec<u8> {
    let providers = ["AWS", "AZURE", "GCP"];
    let statuses = ["CREATED", "UPDATING", "CREATING", "UPGRADE_PENDING"];
    let clusters: Vec<Value> = (0..count)
        .map(|index| {
            let provider = providers[index % providers.len()];
            let id = format!("clx{index:021}");
            let node_pools: Vec<Value> = (0..2)
                .map(|pool| {
                    json!({
                        "cloudProvider": provider,
                        "clusterId": id,
                        "createdAt": "2026-05-14T09:30:00Z",
                        "id": format!("pool{index:08}{pool}"),
                        "isDefault": pool == 0,
                        "maxNodeCount": 20 + pool,
                        "name": format!("pool-{pool}"),
                        "nodeInstanceType": "m5.xlarge",
                        "supportedAstroMachines": ["A5", "A10", "A20"],
                        "updatedAt": "2026-06-01T17:04:12Z",
                    })
                })
                .collect();
            json!({
                "cloudProvider": provider,
                "createdAt": "2026-05-14T09:30:00Z",
                "dbInstanceType": "db.m6g.large",
                "drPodSubnetRange": "100.64.0.0/16",
                "drRegion": "us-west-2",
                "drSecondaryVpcCidr": "100.65.0.0/16",
                "drServicePeeringRange": "172.30.0.0/20",
                "drServiceSubnetRange": "172.30.16.0/20",
                "drVpcSubnetRange": "10.1.0.0/16",
                "enableReplicationTimeControl": false,
                "failoverInProgress": false,
                "healthStatus": {"value": if index % 7 == 0 { "UNHEALTHY" } else { "HEALTHY" }},
                "id": id,
                "isDrEnabled": index % 2 == 0,
                "isFailedOver": false,
                "isLimited": false,
                "isPrivateNetworkEgressEnabled": true,
                "metadata": {
                    "externalIPs": ["203.0.113.10", "203.0.113.11"],
                    "kubeDnsIp": "10.100.0.10",
                    "oidcIssuerUrl": "https://oidc.example.com/clusters/abc",
                },
                "name": format!("production-cluster-{index}"),
                "nodePools": node_pools,
                "organizationId": ORGANIZATION,
                "podSubnetRange": "100.64.0.0/16",
                "providerAccount": "123456789012",
                "region": "us-east-1",
                "secondaryVpcCidr": "100.64.0.0/16",
                "servicePeeringRange": "172.20.0.0/20",
                "serviceSubnetRange": "172.20.16.0/20",
                "status": statuses[index % statuses.len()],
                "tags": [{"key": "team", "value": "data"}, {"key": "cost-center", "value": "42"}],
                "tenantId": "tenant-7",
                "type": if index % 5 == 0 { "HYBRID" } else { "DEDICATED" },
                "updatedAt": "2026-06-01T17:04:12Z",
                "vpcSubnetRange": "10.0.0.0/16",
                "workspaceIds": ["clw0000000000000000000001", "clw0000000000000000000002"],
            })
        })
        .collect();
    let page = json!({
        "clusters": clusters,
        "limit": count,
        "offset": 0,
        "totalCount": count,
    });
    serde_json::to_vec(&page).expect("a JSON value always serializes")
}

/// The generated Astro v1 client, pointed at `base_url` with the token the hand-written side sends too.
pub fn generated_client(base_url: &str) -> astro_client::v1::Client {
    astro_client::v1::Client::with_config(
        astro_client::runtime::Config::new()
            .base_url(base_url)
            .bearer_token(TOKEN),
    )
    .expect("a client")
}

/// The bearer token both sides send.
pub const TOKEN: &str = "bench-token";

/// Starts a server on 127.0.0.1 that answers every request on every connection with `200 OK` and `body`, and
/// returns its base URL. It must be called inside a Tokio runtime; it serves while that runtime runs.
///
/// Requests are read up to the end of their head only: the benchmark sends `GET`s, which have no body.
pub async fn serve(body: Vec<u8>) -> std::io::Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let address = listener.local_addr()?;
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let response: Arc<[u8]> = [head.as_bytes(), &body].concat().into();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer(stream, Arc::clone(&response)));
        }
    });
    Ok(format!("http://{address}"))
}

async fn answer(mut stream: TcpStream, response: Arc<[u8]>) {
    let mut received = Vec::with_capacity(4096);
    let mut chunk = vec![0; 16 * 1024];
    loop {
        while let Some(end) = received.windows(4).position(|window| window == b"\r\n\r\n") {
            received.drain(..end + 4);
            if stream.write_all(&response).await.is_err() {
                return;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => received.extend_from_slice(&chunk[..read]),
        }
    }
}

/// The hand-written client: types and one call.
pub mod handwritten {
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ClustersPage {
        pub clusters: Vec<Cluster>,
        pub limit: i64,
        pub offset: i64,
        pub total_count: i64,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Cluster {
        pub cloud_provider: CloudProvider,
        pub created_at: DateTime<Utc>,
        pub db_instance_type: String,
        pub dr_pod_subnet_range: Option<String>,
        pub dr_region: String,
        pub dr_secondary_vpc_cidr: Option<String>,
        pub dr_service_peering_range: Option<String>,
        pub dr_service_subnet_range: Option<String>,
        pub dr_vpc_subnet_range: Option<String>,
        pub enable_replication_time_control: Option<bool>,
        pub failover_in_progress: Option<bool>,
        pub health_status: Option<HealthStatus>,
        pub id: String,
        pub is_dr_enabled: bool,
        pub is_failed_over: Option<bool>,
        pub is_limited: Option<bool>,
        pub is_private_network_egress_enabled: Option<bool>,
        pub metadata: Option<ClusterMetadata>,
        pub name: String,
        pub node_pools: Option<Vec<NodePool>>,
        pub organization_id: String,
        pub pod_subnet_range: Option<String>,
        pub provider_account: Option<String>,
        pub region: String,
        pub secondary_vpc_cidr: Option<String>,
        pub service_peering_range: Option<String>,
        pub service_subnet_range: Option<String>,
        pub status: ClusterStatus,
        pub tags: Option<Vec<Tag>>,
        pub tenant_id: Option<String>,
        #[serde(rename = "type")]
        pub kind: ClusterType,
        pub updated_at: DateTime<Utc>,
        pub vpc_subnet_range: String,
        pub workspace_ids: Option<Vec<String>>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    pub enum CloudProvider {
        Aws,
        Azure,
        Gcp,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum ClusterStatus {
        Creating,
        Created,
        CreateFailed,
        UpdateFailed,
        Updating,
        AccessDenied,
        UpgradePending,
        FailingOver,
        FailoverFailed,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    pub enum ClusterType {
        Dedicated,
        Hybrid,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    pub struct HealthStatus {
        pub value: HealthValue,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    pub enum HealthValue {
        Healthy,
        Unhealthy,
        Unknown,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ClusterMetadata {
        #[serde(rename = "externalIPs")]
        pub external_ips: Option<Vec<String>>,
        pub kube_dns_ip: Option<String>,
        pub oidc_issuer_url: Option<String>,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct NodePool {
        pub cloud_provider: CloudProvider,
        pub cluster_id: String,
        pub created_at: DateTime<Utc>,
        pub id: String,
        pub is_default: bool,
        pub max_node_count: i64,
        pub name: String,
        pub node_instance_type: String,
        pub supported_astro_machines: Option<Vec<String>>,
        pub updated_at: DateTime<Utc>,
    }

    #[derive(Debug, Clone, PartialEq, Deserialize)]
    pub struct Tag {
        pub key: Option<String>,
        pub value: Option<String>,
    }

    /// Why a call failed.
    #[derive(Debug)]
    pub enum Error {
        Http(reqwest::Error),
        Status(reqwest::StatusCode),
        Decode(serde_json::Error),
    }

    /// `GET {base}/organizations/{organization}/clusters?limit={limit}` with a bearer token.
    pub async fn list_clusters(
        http: &reqwest::Client,
        base_url: &str,
        token: &str,
        organization: &str,
        limit: i64,
    ) -> Result<ClustersPage, Error> {
        let response = http
            .get(format!("{base_url}/organizations/{organization}/clusters"))
            .query(&[("limit", limit)])
            .bearer_auth(token)
            .send()
            .await
            .map_err(Error::Http)?;
        if !response.status().is_success() {
            return Err(Error::Status(response.status()));
        }
        let body = response.bytes().await.map_err(Error::Http)?;
        serde_json::from_slice(&body).map_err(Error::Decode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use astro_client::v1::types::ClustersPaginated;

    #[test]
    fn both_clients_decode_the_page_alike() {
        let body = clusters_page(25);
        let generated: ClustersPaginated = serde_json::from_slice(&body).unwrap();
        let handwritten: handwritten::ClustersPage = serde_json::from_slice(&body).unwrap();
        assert_eq!(generated.clusters.len(), 25);
        assert_eq!(handwritten.clusters.len(), 25);
        for (ours, theirs) in generated.clusters.iter().zip(&handwritten.clusters) {
            assert_eq!(ours.id, theirs.id);
            assert_eq!(ours.updated_at, theirs.updated_at);
            assert_eq!(ours.node_pools.as_ref().map(Vec::len), Some(2));
            assert_eq!(
                ours.status.as_str(),
                serde_json::to_value(&ours.status).unwrap()
            );
        }
    }

    #[test]
    fn both_clients_fetch_the_page_over_loopback() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let base_url = serve(clusters_page(3)).await.unwrap();
            let client = generated_client(&base_url);
            for _ in 0..2 {
                let page = client
                    .list_clusters(ORGANIZATION)
                    .limit(1000)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(page.clusters.len(), 3);
            }
            let http = reqwest::Client::new();
            for _ in 0..2 {
                let page = handwritten::list_clusters(&http, &base_url, TOKEN, ORGANIZATION, 1000)
                    .await
                    .unwrap();
                assert_eq!(page.total_count, 3);
            }
        });
    }
}
