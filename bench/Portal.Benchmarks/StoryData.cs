using System.Text;
using System.Text.Json.Nodes;
using Bogus;
using Portal.Core.Content;
using Portal.Core.Content.Definitions;

namespace Portal.Benchmarks;

/// <summary>The benchmark's content: a news-style Story type and realistic Chinese and English items for it.</summary>
public sealed class StoryData(int seed)
{
    public const string Story = "Story";
    public const string Notice = "Notice";

    public static readonly string[] Categories = ["study", "supplies", "health", "elderly", "children", "housing", "employment", "culture"];

    private static readonly string[] Wishes =
    [
        "一个新书包", "一台电风扇", "一套学习用品", "一双运动鞋", "一件冬衣", "一台收音机", "一副老花镜", "一辆自行车",
        "一盏台灯", "一本字典", "一床棉被", "一个保温杯", "一箱牛奶", "一套绘本", "一台轮椅", "一部助听器",
    ];

    private static readonly string[] Deeds =
    [
        "社区志愿者为{0}送去了{1}", "{2}的居民认领了{0}的微心愿：{1}", "党员服务队把{1}送到{0}家中",
        "{0}收到了{1}，笑得合不拢嘴", "企业志愿者在{2}完成了{0}的心愿", "路灯亮了，{2}的夜路不再黑",
    ];

    private static readonly string[] Sentences =
    [
        "志愿者们提前一周就开始筹备，逐户走访了解需求。", "社区工作人员表示，今年共收集微心愿三百余个。",
        "孩子们围在一起，认真听志愿者讲安全知识。", "活动现场气氛温馨，老人们纷纷表示感谢。",
        "这份小小的心愿，承载着邻里之间的温暖。", "街道将继续推动微心愿项目，让更多困难群众受益。",
        "The volunteers delivered the gifts on Saturday morning.", "Residents can post a wish on the community board.",
    ];

    private readonly Faker zh = new("zh_CN") { Random = new Randomizer(seed) };
    private readonly Faker en = new("en") { Random = new Randomizer(seed + 1) };

    public static void Define(ContentDefinitionDocument document)
    {
        var part = new ContentPartDefinition { Name = Story };
        part.Fields.Add(Field("Category", "EnumerationField", new JsonObject { ["Options"] = new JsonArray(Categories.Select(c => (JsonNode)c).ToArray()) }));
        part.Fields.Add(Field("Community", "TextField", new JsonObject { ["MaxLength"] = 100 }));
        part.Fields.Add(Field("Rank", "NumericField", new JsonObject { ["Minimum"] = 0, ["Maximum"] = 1000 }));
        part.Fields.Add(Field("Happened", "DateField", null));
        document.ContentParts.RemoveAll(p => p.Name == Story);
        document.ContentParts.Add(part);

        var story = new ContentTypeDefinition { Name = Story, DisplayName = "新闻故事" };
        story.Parts.Add(new ContentTypePartDefinition { PartName = "TitlePart", Name = "TitlePart" });
        var route = new ContentTypePartDefinition { PartName = "AutoroutePart", Name = "AutoroutePart" };
        route.SettingsGroup("AutoroutePartSettings")["Pattern"] = "stories/{slug}";
        story.Parts.Add(route);
        story.Parts.Add(new ContentTypePartDefinition { PartName = "HtmlBodyPart", Name = "HtmlBodyPart" });
        story.Parts.Add(new ContentTypePartDefinition { PartName = Story, Name = Story });
        var notice = new ContentTypeDefinition { Name = Notice, DisplayName = "通知" };
        notice.Parts.Add(new ContentTypePartDefinition { PartName = "TitlePart", Name = "TitlePart" });
        notice.Parts.Add(new ContentTypePartDefinition { PartName = "HtmlBodyPart", Name = "HtmlBodyPart" });
        document.ContentTypes.RemoveAll(t => t.Name is Story or Notice);
        document.ContentTypes.Add(story);
        document.ContentTypes.Add(notice);
    }

    private static ContentPartFieldDefinition Field(string name, string kind, JsonObject? settings)
    {
        var field = new ContentPartFieldDefinition { Name = name, FieldName = kind };
        if (settings is not null) field.Settings[kind + "Settings"] = settings;
        return field;
    }

    /// <summary>Every tenth item is a short notice, the rest are stories; a third of the stories are in English.</summary>
    public static string TypeOf(int n) => n % 10 == 9 ? Notice : Story;

    public void Fill(ContentItem item, int n)
    {
        var community = zh.Address.City() + zh.PickRandom("幸福", "和平", "新华", "东风", "光明", "建设") + "社区";
        var english = n % 3 == 0;
        var title = english
            ? $"{en.Name.FirstName()} {en.Name.LastName()}'s wish: {en.Commerce.ProductName()} for {en.Address.City()}"
            : string.Format(zh.PickRandom(Deeds), zh.Name.FullName(), zh.PickRandom(Wishes), community);
        item.Part("TitlePart")["Title"] = title;
        item.Part("HtmlBodyPart")["Html"] = Body(english);
        if (item.ContentType != Story) return;
        item.Field(Story, "Category")["Value"] = Categories[n % Categories.Length];
        item.Field(Story, "Community")["Text"] = community;
        item.Field(Story, "Rank")["Value"] = zh.Random.Int(0, 1000);
        item.Field(Story, "Happened")["Value"] = zh.Date.Past(3, new DateTime(2026, 11, 1)).ToString("yyyy-MM-dd");
    }

    private string Body(bool english)
    {
        var html = new StringBuilder();
        for (var p = 0; p < 3; p++)
        {
            html.Append("<p>");
            if (english) html.Append(en.Lorem.Sentences(3));
            else for (var s = 0; s < 4; s++) html.Append(zh.PickRandom(Sentences));
            html.Append("</p>");
        }
        if (!english) html.Append("<p><strong>").Append(zh.Company.CompanyName()).Append("</strong> 供稿</p>");
        return html.ToString();
    }
}
