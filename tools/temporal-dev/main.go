// Command temporal-dev runs a single-process Temporal server for development, tests and benchmarks:
// all four Temporal services in one process, persistence in SQLite (a file, or memory when no file is
// given), the namespaces registered at start, and optionally the Temporal Web UI.
//
// It accepts the flags of `temporal server start-dev` that the engine's scripts use, so the same call
// works against this program and against a Temporal CLI given through TEMPORAL_CLI_PATH. Leading
// positional words ("server start-dev") are ignored for that reason.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"
	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uiserveroptions "github.com/temporalio/ui-server/v2/server/server_options"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	"go.temporal.io/server/common/membership/static"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

const clusterName = "active"

// repeated collects a flag given several times (--namespace a --namespace b).
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

type options struct {
	ip             string
	port           int
	httpPort       int
	uiIP           string
	uiPort         int
	metricsPort    int
	dbFile         string
	namespaces     repeated
	sqlitePragmas  repeated
	historyShards  int
	logLevel       string
	codecEndpoint  string
	headless       bool
	printVersion   bool
	shutdownPeriod time.Duration
}

func parseFlags(args []string) (*options, error) {
	// Skip the `server start-dev` words a Temporal CLI call carries.
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if args[0] != "server" && args[0] != "start-dev" {
			return nil, fmt.Errorf("unexpected argument %q", args[0])
		}
		args = args[1:]
	}
	o := &options{}
	fs := flag.NewFlagSet("temporal-dev", flag.ContinueOnError)
	fs.StringVar(&o.ip, "ip", "127.0.0.1", "IP address the frontend (and the Web UI) bind to")
	fs.IntVar(&o.port, "port", 7233, "frontend gRPC port")
	fs.IntVar(&o.httpPort, "http-port", 0, "frontend HTTP port (0: a free port)")
	fs.StringVar(&o.uiIP, "ui-ip", "", "IP address of the Web UI (default: --ip)")
	fs.IntVar(&o.uiPort, "ui-port", 0, "Web UI port (default: --port + 1000)")
	fs.IntVar(&o.metricsPort, "metrics-port", 0, "Prometheus metrics port (0: no metrics endpoint)")
	fs.StringVar(&o.dbFile, "db-filename", "", "SQLite file that keeps the data across restarts (empty: in memory)")
	fs.Var(&o.namespaces, "namespace", "namespace to register besides \"default\" (repeatable)")
	fs.Var(&o.sqlitePragmas, "sqlite-pragma", "SQLite pragma of the data file, key=value (repeatable; default journal_mode=wal, synchronous=normal, busy_timeout=10000)")
	fs.IntVar(&o.historyShards, "history-shards", 1, "history shards of a new data file (fixed once the file exists)")
	fs.StringVar(&o.logLevel, "log-level", "warn", "debug, info, warn or error")
	fs.StringVar(&o.codecEndpoint, "ui-codec-endpoint", "", "remote codec endpoint the Web UI decodes payloads with")
	fs.BoolVar(&o.headless, "headless", false, "do not serve the Web UI")
	fs.BoolVar(&o.printVersion, "version", false, "print the Temporal server and UI versions and exit")
	fs.DurationVar(&o.shutdownPeriod, "shutdown-timeout", 10*time.Second, "how long a stop may take before the process exits anyway")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.ip == "localhost" {
		o.ip = "127.0.0.1" // the server's membership wants an IP address
	}
	if o.historyShards < 1 {
		return nil, fmt.Errorf("--history-shards %d: want 1 or more", o.historyShards)
	}
	if o.uiIP == "" {
		o.uiIP = o.ip
	}
	if o.uiPort == 0 {
		o.uiPort = o.port + 1000
	}
	switch o.logLevel {
	case "debug", "info", "warn", "error":
	case "never":
		o.logLevel = "fatal"
	default:
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", o.logLevel)
	}
	return o, nil
}

// freePort asks the kernel for an unused port for a service that nobody outside dials directly.
func freePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func portFree(ip string, port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("port %d on %s is taken: %w", port, ip, err)
	}
	return l.Close()
}

func sqlConfig(o *options) (*config.SQL, error) {
	sql := &config.SQL{PluginName: sqliteplugin.PluginName}
	if o.dbFile == "" {
		sql.ConnectAttributes = map[string]string{"mode": "memory", "cache": "shared"}
		sql.DatabaseName = "temporal-dev-" + uuid.NewString()
		if err := sqliteschema.SetupSchema(sql); err != nil {
			return nil, fmt.Errorf("creating the in-memory schema: %w", err)
		}
	} else {
		abs, err := filepath.Abs(o.dbFile)
		if err != nil {
			return nil, err
		}
		// WAL: readers beside the one writer, and a commit that does not wait for a sync of the whole file; with it,
		// several connections (a single one serialises every service's reads behind each write).
		sql.ConnectAttributes = map[string]string{"mode": "rwc", "journal_mode": "wal", "synchronous": "normal", "busy_timeout": "10000"}
		for _, p := range o.sqlitePragmas {
			k, v, ok := strings.Cut(p, "=")
			if !ok || strings.TrimSpace(k) == "" || k == "mode" {
				return nil, fmt.Errorf("--sqlite-pragma %q: expected key=value", p)
			}
			sql.ConnectAttributes[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		if strings.EqualFold(sql.ConnectAttributes["journal_mode"], "wal") {
			sql.MaxConns, sql.MaxIdleConns = 4, 4
		}
		sql.DatabaseName = abs
		if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
			if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
				return nil, err
			}
			if err := sqliteschema.SetupSchema(sql); err != nil {
				return nil, fmt.Errorf("creating the schema in %s: %w", abs, err)
			}
		} else if err != nil {
			return nil, err
		}
	}
	// Registers each namespace unless the file already has it.
	names := append([]string{"default"}, o.namespaces...)
	var nsConfigs []*sqliteschema.NamespaceConfig
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		nc, err := sqliteschema.NewNamespaceConfig(clusterName, name, false, nil)
		if err != nil {
			return nil, fmt.Errorf("namespace %q: %w", name, err)
		}
		nsConfigs = append(nsConfigs, nc)
	}
	if err := sqliteschema.CreateNamespaces(sql, nsConfigs...); err != nil {
		return nil, fmt.Errorf("registering namespaces: %w", err)
	}
	return sql, nil
}

func serverConfig(o *options, sql *config.SQL) (*config.Config, error) {
	hostPort := func(port int) string { return net.JoinHostPort(o.ip, strconv.Itoa(port)) }
	c := &config.Config{}
	c.Global.Membership.MaxJoinDuration = 30 * time.Second
	c.Global.Membership.BroadcastAddress = o.ip
	if o.metricsPort > 0 {
		c.Global.Metrics = &metrics.Config{Prometheus: &metrics.PrometheusConfig{ListenAddress: hostPort(o.metricsPort), HandlerPath: "/metrics"}}
	}
	c.Persistence.DefaultStore = "sqlite"
	c.Persistence.VisibilityStore = "sqlite"
	c.Persistence.NumHistoryShards = int32(o.historyShards)
	c.Persistence.DataStores = map[string]config.DataStore{"sqlite": {SQL: sql}}
	c.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        clusterName,
		CurrentClusterName:       clusterName,
		ClusterInformation: map[string]cluster.ClusterInformation{
			clusterName: {
				Enabled:                true,
				InitialFailoverVersion: 1,
				RPCAddress:             hostPort(o.port),
				HTTPAddress:            hostPort(o.httpPort),
				ClusterID:              uuid.NewString(),
			},
		},
	}
	c.DCRedirectionPolicy.Policy = "noop"
	c.Services = map[string]config.Service{}
	for _, name := range []string{"frontend", "history", "matching", "worker"} {
		var svc config.Service
		svc.RPC.BindOnIP = o.ip
		if name == "frontend" {
			svc.RPC.GRPCPort = o.port
			svc.RPC.HTTPPort = o.httpPort
		} else {
			p, err := freePort(o.ip)
			if err != nil {
				return nil, err
			}
			svc.RPC.GRPCPort = p
		}
		c.Services[name] = svc
	}
	c.Archival.History.State = "disabled"
	c.Archival.Visibility.State = "disabled"
	c.NamespaceDefaults.Archival.History.State = "disabled"
	c.NamespaceDefaults.Archival.Visibility.State = "disabled"
	c.PublicClient.HostPort = hostPort(o.port)
	return c, nil
}

// quietOnStop passes everything through until stop begins, then only errors: a stopping server
// warns about every connection its own services lose, which says nothing to the person who stopped it.
type quietOnStop struct {
	log.Logger
	stopping atomic.Bool
}

func (q *quietOnStop) Debug(msg string, tags ...tag.Tag) {
	if !q.stopping.Load() {
		q.Logger.Debug(msg, tags...)
	}
}

func (q *quietOnStop) Info(msg string, tags ...tag.Tag) {
	if !q.stopping.Load() {
		q.Logger.Info(msg, tags...)
	}
}

func (q *quietOnStop) Warn(msg string, tags ...tag.Tag) {
	if !q.stopping.Load() {
		q.Logger.Warn(msg, tags...)
	}
}

func newServer(o *options, logger log.Logger) (temporal.Server, error) {
	sql, err := sqlConfig(o)
	if err != nil {
		return nil, err
	}
	c, err := serverConfig(o, sql)
	if err != nil {
		return nil, err
	}
	authorizer, err := authorization.GetAuthorizerFromConfig(&c.Global.Authorization)
	if err != nil {
		return nil, err
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&c.Global.Authorization, logger)
	if err != nil {
		return nil, err
	}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for name, svc := range map[string]primitives.ServiceName{
		"frontend": primitives.FrontendService, "history": primitives.HistoryService,
		"matching": primitives.MatchingService, "worker": primitives.WorkerService,
	} {
		hosts[svc] = static.SingleLocalHost(net.JoinHostPort(o.ip, strconv.Itoa(c.Services[name].RPC.GRPCPort)))
	}
	// A development server: a larger mutable-state cache than the default, and search attributes
	// visible as soon as they are created (with the persistence rate limits raised to match).
	dyn := dynamicconfig.StaticClient{
		dynamicconfig.HistoryCacheHostLevelMaxSize.Key():                 8096,
		dynamicconfig.FrontendMaxNamespaceVisibilityRPSPerInstance.Key(): 100,
		dynamicconfig.ForceSearchAttributesCacheRefreshOnRead.Key():      true,
		dynamicconfig.FrontendPersistenceMaxQPS.Key():                    10000,
		dynamicconfig.HistoryPersistenceMaxQPS.Key():                     45000,
	}
	return temporal.NewServer(
		temporal.WithConfig(c),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dyn),
	)
}

func newUI(o *options) *uiserver.Server {
	return uiserver.NewServer(uiserveroptions.WithConfigProvider(&uiconfig.Config{
		Host:                o.uiIP,
		Port:                o.uiPort,
		TemporalGRPCAddress: net.JoinHostPort(o.ip, strconv.Itoa(o.port)),
		EnableUI:            true,
		Codec:               uiconfig.Codec{Endpoint: o.codecEndpoint},
		CORS:                uiconfig.CORS{CookieInsecure: true},
		HideLogs:            true,
		DisableNewsFetch:    true,
	}))
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == path {
				return dep.Version
			}
		}
	}
	return "unknown"
}

func run() error {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	serverVersion, uiVersion := moduleVersion("go.temporal.io/server"), moduleVersion("github.com/temporalio/ui-server/v2")
	if o.printVersion {
		fmt.Printf("temporal server %s\ntemporal ui-server %s\n", serverVersion, uiVersion)
		return nil
	}
	if err := portFree(o.ip, o.port); err != nil {
		return err
	}
	if o.httpPort == 0 {
		if o.httpPort, err = freePort(o.ip); err != nil {
			return err
		}
	} else if err := portFree(o.ip, o.httpPort); err != nil {
		return err
	}
	if o.metricsPort > 0 {
		if err := portFree(o.ip, o.metricsPort); err != nil {
			return err
		}
	}
	if !o.headless {
		if err := portFree(o.uiIP, o.uiPort); err != nil {
			return err
		}
	}

	logger := &quietOnStop{Logger: log.NewZapLogger(log.BuildZapLogger(log.Config{Level: o.logLevel, Format: "console"}))}
	server, err := newServer(o, logger)
	if err != nil {
		return err
	}
	if err := server.Start(); err != nil {
		return fmt.Errorf("starting the Temporal server: %w", err)
	}
	var ui *uiserver.Server
	uiFailed := make(chan error, 1)
	if !o.headless {
		ui = newUI(o)
		go func() { uiFailed <- ui.Start() }()
	}

	fmt.Printf("Temporal Server %s (dev, ui-server %s)\n", serverVersion, uiVersion)
	fmt.Printf("%-21s %s\n", "Temporal Server:", net.JoinHostPort(o.ip, strconv.Itoa(o.port)))
	fmt.Printf("%-21s %s\n", "Temporal HTTP:", net.JoinHostPort(o.ip, strconv.Itoa(o.httpPort)))
	if o.dbFile == "" {
		fmt.Printf("%-21s %s\n", "Temporal Persistence:", "in memory")
	} else {
		fmt.Printf("%-21s %s\n", "Temporal Persistence:", o.dbFile)
	}
	if ui != nil {
		fmt.Printf("%-21s http://%s\n", "Temporal UI:", net.JoinHostPort(o.uiIP, strconv.Itoa(o.uiPort)))
	}
	if o.metricsPort > 0 {
		fmt.Printf("%-21s http://%s/metrics\n", "Temporal Metrics:", net.JoinHostPort(o.ip, strconv.Itoa(o.metricsPort)))
	}

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	for waiting := true; waiting; {
		select {
		case <-signals:
			waiting = false
		case err := <-uiFailed:
			// The Web UI is a convenience (its port taken, say): the server keeps serving without it.
			fmt.Fprintf(os.Stderr, "temporal-dev: the Web UI stopped, the server keeps running: %v\n", err)
			uiFailed, ui = nil, nil
		}
	}
	logger.stopping.Store(true)
	// A second signal, or a stop that hangs, ends the process at once.
	go func() {
		select {
		case <-signals:
		case <-time.After(o.shutdownPeriod):
		}
		os.Exit(1)
	}()
	if ui != nil {
		ui.Stop()
	}
	return server.Stop()
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "temporal-dev: %v\n", err)
		os.Exit(1)
	}
}
