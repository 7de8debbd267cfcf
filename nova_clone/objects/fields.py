"""Field types of nova objects: oslo's, plus nova's enums and JSON fields."""

from oslo_serialization import jsonutils
from oslo_versionedobjects import fields

# Re-export oslo's field classes so object modules import one module.
AutoTypedField = fields.AutoTypedField
BaseEnumField = fields.BaseEnumField
BooleanField = fields.BooleanField
DateTimeField = fields.DateTimeField
DictOfIntegersField = fields.DictOfIntegersField
DictOfListOfStringsField = fields.DictOfListOfStringsField
DictOfNullableStringsField = fields.DictOfNullableStringsField
DictOfStringsField = fields.DictOfStringsField
Enum = fields.Enum
EnumField = fields.EnumField
Field = fields.Field
FieldType = fields.FieldType
FlexibleBooleanField = fields.FlexibleBooleanField
FloatField = fields.FloatField
IPAddressField = fields.IPAddressField
IPV4AddressField = fields.IPV4AddressField
IPV6AddressField = fields.IPV6AddressField
IntegerField = fields.IntegerField
ListOfDictOfNullableStringsField = fields.ListOfDictOfNullableStringsField
ListOfIntegersField = fields.ListOfIntegersField
ListOfObjectsField = fields.ListOfObjectsField
ListOfStringsField = fields.ListOfStringsField
ListOfUUIDField = fields.ListOfUUIDField
NonNegativeFloatField = fields.NonNegativeFloatField
NonNegativeIntegerField = fields.NonNegativeIntegerField
ObjectField = fields.ObjectField
SensitiveStringField = fields.SensitiveStringField
SetOfIntegersField = fields.SetOfIntegersField
SetOfStringsField = fields.SetOfStringsField
StringField = fields.StringField
UUIDField = fields.UUIDField
UnspecifiedDefault = fields.UnspecifiedDefault


class Architecture(Enum):
    """CPU architectures, with nova's canonical names."""

    AARCH64 = 'aarch64'
    ALPHA = 'alpha'
    ARMV6 = 'armv6'
    ARMV7 = 'armv7l'
    ARMV7B = 'armv7b'
    CRIS = 'cris'
    I686 = 'i686'
    IA64 = 'ia64'
    LM32 = 'lm32'
    M68K = 'm68k'
    MICROBLAZE = 'microblaze'
    MICROBLAZEEL = 'microblazeel'
    MIPS = 'mips'
    MIPSEL = 'mipsel'
    MIPS64 = 'mips64'
    MIPS64EL = 'mips64el'
    OPENRISC = 'openrisc'
    PARISC = 'parisc'
    PARISC64 = 'parisc64'
    PPC = 'ppc'
    PPCLE = 'ppcle'
    PPC64 = 'ppc64'
    PPC64LE = 'ppc64le'
    PPCEMB = 'ppcemb'
    S390 = 's390'
    S390X = 's390x'
    SH4 = 'sh4'
    SH4EB = 'sh4eb'
    SPARC = 'sparc'
    SPARC64 = 'sparc64'
    UNICORE32 = 'unicore32'
    X86_64 = 'x86_64'
    XTENSA = 'xtensa'
    XTENSAEB = 'xtensaeb'

    ALL = (AARCH64, ALPHA, ARMV6, ARMV7, ARMV7B, CRIS, I686, IA64, LM32,
           M68K, MICROBLAZE, MICROBLAZEEL, MIPS, MIPSEL, MIPS64, MIPS64EL,
           OPENRISC, PARISC, PARISC64, PPC, PPCLE, PPC64, PPC64LE, PPCEMB,
           S390, S390X, SH4, SH4EB, SPARC, SPARC64, UNICORE32, X86_64,
           XTENSA, XTENSAEB)

    def __init__(self):
        super().__init__(valid_values=Architecture.ALL)


class HVType(Enum):
    """Hypervisor types a compute node can report."""

    BAREMETAL = 'baremetal'
    BHYVE = 'bhyve'
    DOCKER = 'docker'
    FAKE = 'fake'
    HYPERV = 'hyperv'
    IRONIC = 'ironic'
    KQEMU = 'kqemu'
    KVM = 'kvm'
    LXC = 'lxc'
    LXD = 'lxd'
    OPENVZ = 'openvz'
    PARALLELS = 'parallels'
    VIRTUOZZO = 'vz'
    PHYP = 'phyp'
    QEMU = 'qemu'
    TEST = 'test'
    UML = 'uml'
    VBOX = 'vbox'
    VMWARE = 'vmware'
    XEN = 'xen'
    ZVM = 'zvm'
    PRSM = 'prsm'

    ALL = (BAREMETAL, BHYVE, DOCKER, FAKE, HYPERV, IRONIC, KQEMU, KVM, LXC,
           LXD, OPENVZ, PARALLELS, PHYP, QEMU, TEST, UML, VBOX, VIRTUOZZO,
           VMWARE, XEN, ZVM, PRSM)

    def __init__(self):
        super().__init__(valid_values=HVType.ALL)


class VMMode(Enum):
    """Guest ABI modes."""

    HVM = 'hvm'
    XEN = 'xen'
    UML = 'uml'
    EXE = 'exe'

    ALL = (HVM, XEN, UML, EXE)

    def __init__(self):
        super().__init__(valid_values=VMMode.ALL)


class BlockDeviceSourceType(Enum):
    """Where a block device's data comes from."""

    BLANK = 'blank'
    IMAGE = 'image'
    SNAPSHOT = 'snapshot'
    VOLUME = 'volume'

    ALL = (BLANK, IMAGE, SNAPSHOT, VOLUME)

    def __init__(self):
        super().__init__(valid_values=BlockDeviceSourceType.ALL)


class BlockDeviceDestinationType(Enum):
    """Where a block device lives: the host's disk or a volume."""

    LOCAL = 'local'
    VOLUME = 'volume'

    ALL = (LOCAL, VOLUME)

    def __init__(self):
        super().__init__(valid_values=BlockDeviceDestinationType.ALL)


class BlockDeviceType(Enum):
    """How a block device is presented to the guest."""

    CDROM = 'cdrom'
    DISK = 'disk'
    FLOPPY = 'floppy'
    FS = 'fs'
    LUN = 'lun'

    ALL = (CDROM, DISK, FLOPPY, FS, LUN)

    def __init__(self):
        super().__init__(valid_values=BlockDeviceType.ALL)


class BlockDeviceEncryptionFormatType(Enum):
    """Formats of ephemeral-disk encryption."""

    PLAIN = 'plain'
    LUKS = 'luks'
    LUKSV2 = 'luksv2'

    ALL = (PLAIN, LUKS, LUKSV2)

    def __init__(self):
        super().__init__(valid_values=BlockDeviceEncryptionFormatType.ALL)


class MigrationType(Enum):
    """Kinds of move recorded in the migrations table."""

    MIGRATION = 'migration'
    RESIZE = 'resize'
    LIVE_MIGRATION = 'live-migration'
    EVACUATION = 'evacuation'

    ALL = (MIGRATION, RESIZE, LIVE_MIGRATION, EVACUATION)

    def __init__(self):
        super().__init__(valid_values=MigrationType.ALL)


class KeyPairType(Enum):
    """Key pair kinds."""

    SSH = 'ssh'
    X509 = 'x509'

    ALL = (SSH, X509)

    def __init__(self):
        super().__init__(valid_values=KeyPairType.ALL)


class NetworkModel(FieldType):
    """An instance's network info: a JSON-able list of VIF dicts.

    Upstream carries a ``NetworkInfo`` list subclass; the wire form is the
    same JSON string, so a plain list of dicts interoperates.
    """

    @staticmethod
    def coerce(obj, attr, value):
        if isinstance(value, str):
            value = jsonutils.loads(value)
        if not isinstance(value, list):
            raise ValueError('A list of VIFs is required in field %s, '
                             'not a %s' % (attr, type(value).__name__))
        return value

    @staticmethod
    def to_primitive(obj, attr, value):
        return jsonutils.dumps(value)

    @staticmethod
    def from_primitive(obj, attr, value):
        return jsonutils.loads(value)

    def stringify(self, value):
        return 'NetworkModel(%d VIFs)' % len(value)


class ArchitectureField(BaseEnumField):
    AUTO_TYPE = Architecture()


class HVTypeField(BaseEnumField):
    AUTO_TYPE = HVType()


class VMModeField(BaseEnumField):
    AUTO_TYPE = VMMode()


class BlockDeviceSourceTypeField(BaseEnumField):
    AUTO_TYPE = BlockDeviceSourceType()


class BlockDeviceDestinationTypeField(BaseEnumField):
    AUTO_TYPE = BlockDeviceDestinationType()


class BlockDeviceTypeField(BaseEnumField):
    AUTO_TYPE = BlockDeviceType()


class BlockDeviceEncryptionFormatTypeField(BaseEnumField):
    AUTO_TYPE = BlockDeviceEncryptionFormatType()


class MigrationTypeField(BaseEnumField):
    AUTO_TYPE = MigrationType()


class KeyPairTypeField(BaseEnumField):
    AUTO_TYPE = KeyPairType()


class NetworkModelField(AutoTypedField):
    AUTO_TYPE = NetworkModel()
