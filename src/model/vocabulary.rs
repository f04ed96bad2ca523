//! The closed vocabularies of the on-disk format (platforms, channels, kinds, statuses…): each value,
//! its spelling in files and its words on pages.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a closed vocabulary read from TOML/CSV in kebab-case.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The value as written in files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Reads a value as written in files.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// Every value as written in files.
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// A social platform or channel a creator posts on.
    Platform {
        /// Instagram.
        Instagram = "instagram",
        /// TikTok.
        Tiktok = "tiktok",
        /// YouTube.
        Youtube = "youtube",
        /// LinkedIn.
        Linkedin = "linkedin",
        /// Pinterest.
        Pinterest = "pinterest",
        /// X.
        X = "x",
        /// Twitch.
        Twitch = "twitch",
        /// A podcast.
        Podcast = "podcast",
        /// A blog.
        Blog = "blog",
        /// Anything else.
        Other = "other",
    }
);

impl Platform {
    /// The name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
            Platform::Linkedin => "LinkedIn",
            Platform::Pinterest => "Pinterest",
            Platform::X => "X",
            Platform::Twitch => "Twitch",
            Platform::Podcast => "Podcast",
            Platform::Blog => "Blog",
            Platform::Other => "Other",
        }
    }
}

vocabulary!(
    /// The format of a deliverable.
    DeliverableFormat {
        /// Short vertical video on Instagram.
        Reel = "reel",
        /// An ephemeral story.
        Story = "story",
        /// A feed post.
        Post = "post",
        /// A short video.
        Short = "short",
        /// A long video.
        Video = "video",
        /// A live stream.
        Live = "live",
        /// An article.
        Article = "article",
        /// A podcast segment.
        Podcast = "podcast",
        /// Anything else.
        Other = "other",
    }
);

vocabulary!(
    /// Where a deliverable stands.
    DeliverableStatus {
        /// Not started.
        Planned = "planned",
        /// The draft is in.
        DraftSubmitted = "draft-submitted",
        /// The team asked for changes to the draft.
        ChangesRequested = "changes-requested",
        /// The brand approved the draft.
        Approved = "approved",
        /// Published.
        Live = "live",
        /// Dropped.
        Cancelled = "cancelled",
    }
);

vocabulary!(
    /// Where a campaign stands.
    CampaignStatus {
        /// Being planned.
        Planning = "planning",
        /// Running.
        Live = "live",
        /// Finished.
        Complete = "complete",
    }
);

vocabulary!(
    /// What a campaign is for.
    Objective {
        /// Reach.
        Awareness = "awareness",
        /// Interactions.
        Engagement = "engagement",
        /// Clicks.
        Traffic = "traffic",
        /// Conversions.
        Sales = "sales",
    }
);

vocabulary!(
    /// The commercial shape of a campaign.
    CampaignFormat {
        /// A single activation.
        OneOff = "one-off",
        /// A long-running partnership.
        Ambassadorship = "ambassadorship",
        /// Ads run from the creator's handle.
        Whitelisting = "whitelisting",
        /// Content bought for the brand's own use.
        ContentLicensing = "content-licensing",
    }
);

vocabulary!(
    /// A channel where the brand may use content.
    Channel {
        /// Reposting on the brand's organic accounts.
        OrganicRepost = "organic-repost",
        /// Paid social ads from the brand's accounts.
        PaidSocial = "paid-social",
        /// Ads run from the creator's handle.
        CreatorHandleAds = "creator-handle-ads",
        /// E-mail.
        Email = "email",
        /// The brand's website.
        Website = "website",
        /// Out-of-home advertising.
        Ooh = "ooh",
        /// Television.
        Tv = "tv",
        /// Print.
        Print = "print",
        /// Internal use only.
        Internal = "internal",
    }
);

impl Channel {
    /// Plain words for the rights sentence and page headings.
    pub fn label(self) -> &'static str {
        match self {
            Channel::OrganicRepost => "reposts on our own social accounts",
            Channel::PaidSocial => "paid social ads",
            Channel::CreatorHandleAds => "ads run from your handle",
            Channel::Email => "e-mails",
            Channel::Website => "our website",
            Channel::Ooh => "outdoor advertising",
            Channel::Tv => "TV",
            Channel::Print => "print",
            Channel::Internal => "internal presentations",
        }
    }

    /// A short title-case name.
    pub fn title(self) -> &'static str {
        match self {
            Channel::OrganicRepost => "Organic repost",
            Channel::PaidSocial => "Paid social",
            Channel::CreatorHandleAds => "Creator-handle ads",
            Channel::Email => "E-mail",
            Channel::Website => "Website",
            Channel::Ooh => "Out-of-home",
            Channel::Tv => "TV",
            Channel::Print => "Print",
            Channel::Internal => "Internal",
        }
    }
}

vocabulary!(
    /// What an asset is.
    AssetKind {
        /// Logos, product shots, guidelines.
        BrandKit = "brand-kit",
        /// Content a creator made.
        CreatorContent = "creator-content",
    }
);

vocabulary!(
    /// Where a result number came from.
    ResultSource {
        /// Platform insights.
        Actual = "actual",
        /// A creator's screenshot.
        Reported = "reported",
        /// An estimate.
        Estimated = "estimated",
    }
);

vocabulary!(
    /// The disclosure rules in force.
    Jurisdiction {
        /// United States (FTC).
        Us = "us",
        /// United Kingdom (ASA/CMA).
        Uk = "uk",
        /// Canada (Ad Standards).
        Ca = "ca",
        /// France (ARPP, loi influenceurs).
        Fr = "fr",
        /// Germany (UWG, MStV, TMG/DDG).
        De = "de",
        /// Australia (AANA, ACCC).
        Au = "au",
        /// India (ASCI).
        In = "in",
        /// The European Union (UCPD guidance, DSA).
        Eu = "eu",
    }
);

vocabulary!(
    /// A language the theme has a catalog for.
    Language {
        /// English.
        En = "en",
        /// Spanish.
        Es = "es",
        /// French.
        Fr = "fr",
        /// German.
        De = "de",
    }
);

vocabulary!(
    /// Where a creator stands in the team's pipeline.
    CreatorStatus {
        /// Not yet vetted.
        Prospect = "prospect",
        /// Vetted, can be booked.
        Vetted = "vetted",
        /// Booked.
        Booked = "booked",
        /// Never to be booked.
        DoNotBook = "do-not-book",
    }
);

vocabulary!(
    /// The encoding of thumbnails.
    ImageFormat {
        /// WebP.
        Webp = "webp",
        /// JPEG.
        Jpeg = "jpeg",
    }
);

vocabulary!(
    /// Who a build is for.
    Audience {
        /// Safe for any public host.
        Public = "public",
        /// The team's own view.
        Team = "team",
    }
);

vocabulary!(
    /// The ad authorisation code a creator grants.
    AdCode {
        /// TikTok Spark Ads.
        Spark = "spark",
        /// Instagram partnership ads.
        PartnershipAds = "partnership-ads",
    }
);
